import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/core/corpus/parse-markdown';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/corpus/${name}`, import.meta.url), 'utf8');

describe('parseMarkdown()', () => {
  it('reads front matter fields and keeps the trimmed body exactly', () => {
    const text = fixture('analyst-notes.md');
    const doc = parseMarkdown(text, 'analyst-notes.md');
    expect(doc).toMatchObject({
      id: 'jane-smith-2024',
      kind: 'document',
      title: 'ISKP After Kabul: Analyst Notes',
      authors: ['Jane Smith', 'Omar Khan', 'Lee Park'],
      editors: [],
      year: 2024,
      url: 'https://example.org/notes/iskp',
      publisher: "Example Analysts' Collective",
      container: null,
      file: 'analyst-notes.md',
    });
    expect(doc.text.startsWith('# ISKP After Kabul\n\nISKP claimed')).toBe(true);
    expect(doc.text.endsWith('Al-Azaim publications.')).toBe(true);
    expect(text).toContain(doc.text);
  });

  it('accepts authors as a list, an inline list or a semicolon-separated string', () => {
    const block = (authors: string): string => `---\ntitle: T\nyear: 2023\n${authors}\n---\nBody.`;
    expect(parseMarkdown(block('authors:\n  - Sayed, A.\n  - Hamming, T. R.'), 'a.md').authors).toEqual(['Sayed, A.', 'Hamming, T. R.']);
    expect(parseMarkdown(block('authors: [Sayed, A., "Center for Strategic and International Studies"]'), 'a.md').authors).toEqual(['Sayed, A.', 'Center for Strategic and International Studies']);
    expect(parseMarkdown(block('authors: Sayed, Abdul; Hamming, Tore'), 'a.md').authors).toEqual(['Sayed, Abdul', 'Hamming, Tore']);
    expect(parseMarkdown(block('authors: Sayed, A., & Hamming, T. R.'), 'a.md').authors).toEqual(['Sayed, A.', 'Hamming, T. R.']);
    expect(parseMarkdown(block('authors: [Sayed, A.]'), 'a.md').id).toBe('sayed-2023');
  });

  it('takes the title from the first # heading and the id from the file name without front matter', () => {
    const doc = parseMarkdown(fixture('field-report.txt'), 'reports/field-report.txt');
    expect(doc.title).toBe('Field Report: Border Districts');
    expect(doc.id).toBe('field-report');
    expect(doc.authors).toEqual([]);
    expect(doc.year).toBeNull();
  });

  it('falls back to the file name for the title', () => {
    expect(parseMarkdown('Plain notes without a heading.', 'misc/Plain Notes.md').title).toBe('Plain Notes');
  });

  it('throws a descriptive error for unterminated front matter', () => {
    expect(() => parseMarkdown(fixture('unterminated.md'), 'unterminated.md')).toThrow(/unterminated\.md: .*never closed/);
  });

  it('throws a descriptive error for a non-numeric year', () => {
    expect(() => parseMarkdown('---\ntitle: T\nyear: last spring\n---\nBody', 'y.md')).toThrow('y.md: front matter "year" must be a number like 2023, got "last spring"');
  });

  it('throws for lines that are not "key: value" and for a list given where one value is expected', () => {
    expect(() => parseMarkdown('---\ntitle T\n---\nBody', 'k.md')).toThrow(/k\.md: front matter line 2: expected "key: value"/);
    expect(() => parseMarkdown('---\ntitle: [a, b]\n---\nBody', 'l.md')).toThrow(/"title" must be a single value/);
  });
});

// A user document must not stall ingest. Each one took the old regexes 2–8 s (20,000 characters);
// read in one pass it takes a few milliseconds, and 200 ms leaves room for a loaded machine.
describe('parseMarkdown() on adversarial documents', () => {
  const spaces = ' '.repeat(20_000);
  const documents: [string, string][] = [
    ['a heading of "# " repeated, then a newline', `# ${'# '.repeat(10_000)}x\n`],
    ['authors with a long run of spaces inside', `---\nauthors: A${spaces}B\n---\nBody`],
    ['";"-separated authors with long runs of spaces inside', `---\nauthors: A;${spaces}B${spaces}C\n---\nBody`],
  ];

  it.each(documents)('reads %s in linear time', (_, text) => {
    const started = performance.now();
    parseMarkdown(text, 'a.md');
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('still reads them as before', () => {
    expect(parseMarkdown(`# ${'# '.repeat(10_000)}x\n`, 'a.md').title).toBe(`${'# '.repeat(10_000)}x`);
    expect(parseMarkdown(`# Title #  \n`, 'a.md').title).toBe('Title');
    expect(parseMarkdown(`---\nauthors: A${spaces}B\n---\nBody`, 'a.md').authors).toEqual([`A${spaces}B`]);
    expect(parseMarkdown(`---\nauthors: A;${spaces}B${spaces}C\n---\nBody`, 'a.md').authors).toEqual(['A', `B${spaces}C`]);
  });
});
