import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../src/corpus/front-matter';

describe('readFrontMatter()', () => {
  it('returns null when the text has no front matter', () => {
    expect(readFrontMatter('# Title\n\nBody')).toBeNull();
  });

  it('reads scalars, quoted strings, comments and both list forms', () => {
    const text = '---\n# a comment\ntitle: "Say \\"hi\\""\nsub: \'it\'\'s\'\nplain: value # trailing\nlist: [a, "b, c", \'d\']\nitems:\n  - one\n  - "two"\nempty:\n---\nBody';
    const fm = readFrontMatter(text)!;
    expect(fm.data).toEqual({ title: 'Say "hi"', sub: "it's", plain: 'value', list: ['a', 'b, c', 'd'], items: ['one', 'two'], empty: null });
    expect(text.slice(fm.bodyStart)).toBe('Body');
  });

  it('rejects duplicate keys, unterminated strings and unclosed lists', () => {
    expect(() => readFrontMatter('---\na: 1\na: 2\n---\n')).toThrow(/duplicate key "a"/);
    expect(() => readFrontMatter('---\na: "open\n---\n')).toThrow(/unterminated/);
    expect(() => readFrontMatter('---\na: [1, 2\n---\n')).toThrow(/missing its closing "\]"/);
  });
});
