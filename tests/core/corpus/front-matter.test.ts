import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../../src/core/corpus/front-matter';

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

// Users write their own front matter, so a hostile line must not stall ingest. Each document took
// the old line regexes 0.5 s to over a minute (20,000 characters); read in one pass it takes a few
// milliseconds, and 200 ms leaves room for a loaded machine.
describe('readFrontMatter() on adversarial lines', () => {
  const spaces = ' '.repeat(20_000);
  const documents: [string, string][] = [
    ['a value with a long run of spaces inside', `---\nkey: a${spaces}b\n---\n`],
    ['spaces, then a line break the value cannot hold', `---\nkey:${spaces}\u2028x\n---\n`],
    ['a value with spaces and a stray carriage return at its end', `---\nkey: a${spaces}\r\r\n---\n`],
    ['a list item with a long run of spaces inside', `---\nkey:\n- a${spaces}b\n---\n`],
    ['an inline list item with a long run of spaces inside', `---\nkey: [a${spaces}b]\n---\n`],
  ];

  it.each(documents)('reads %s in linear time', (_, text) => {
    const started = performance.now();
    try {
      readFrontMatter(text);
    } catch {
      // a malformed line is reported, which is the point: quickly
    }
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('still reads them as before', () => {
    expect(readFrontMatter(`---\nkey: a${spaces}b\n---\n`)!.data).toEqual({ key: `a${spaces}b` });
    expect(() => readFrontMatter(`---\nkey:${spaces}\u2028x\n---\n`)).toThrow(/line 2: expected "key: value"/);
    expect(() => readFrontMatter(`---\nkey: a${spaces}\r\r\n---\n`)).toThrow(/line 2: expected "key: value"/);
    expect(readFrontMatter(`---\nkey:\n- a${spaces}b\n---\n`)!.data).toEqual({ key: [`a${spaces}b`] });
    expect(readFrontMatter(`---\nkey: [a${spaces}b, " c ",d ,]\n---\n`)!.data).toEqual({ key: [`a${spaces}b`, ' c ', 'd'] });
  });
});
