import { describe, expect, it } from 'vitest';
import { isAbbreviation, splitSentences } from '../../../src/core/corpus/sentences';

function texts(input: string): string[] {
  const sentences = splitSentences(input);
  for (const s of sentences) {
    expect(input.slice(s.offset, s.offset + s.text.length)).toBe(s.text);
    expect(s.text).toBe(s.text.trim());
  }
  return sentences.map((s) => s.text);
}

describe('splitSentences()', () => {
  it('splits on full stops, question and exclamation marks followed by a capital', () => {
    expect(texts('ISKP is active. Is it growing? Yes! It is.')).toEqual(['ISKP is active.', 'Is it growing?', 'Yes!', 'It is.']);
  });

  it('returns offsets into the input, skipping leading whitespace', () => {
    expect(splitSentences('  First one.   Second one.  ')).toEqual([
      { text: 'First one.', offset: 2 },
      { text: 'Second one.', offset: 15 },
    ]);
  });

  it('does not split after abbreviations, initials or dotted acronyms', () => {
    expect(texts('The U.S. Army and Dr. Smith met A. Jadoon in Kabul. See pp. 10 and e.g. Fig. 2 too.')).toEqual([
      'The U.S. Army and Dr. Smith met A. Jadoon in Kabul.',
      'See pp. 10 and e.g. Fig. 2 too.',
    ]);
  });

  it('does not split decimals', () => {
    expect(texts('Arrests rose 4.5 times in 2023. Then they fell.')).toEqual(['Arrests rose 4.5 times in 2023.', 'Then they fell.']);
  });

  it('keeps "January 3." inside a sentence when lowercase follows, ends it when a capital follows', () => {
    expect(texts('It began on January 3. the next day it spread.')).toHaveLength(1);
    expect(texts('The attack was on January 3. The author disagrees.')).toEqual(['The attack was on January 3.', 'The author disagrees.']);
  });

  it('keeps closing quotes and brackets with the sentence they close', () => {
    expect(texts('He said “we will return.” Then he left. (It was late.) Nobody followed.')).toEqual([
      'He said “we will return.”',
      'Then he left.',
      '(It was late.)',
      'Nobody followed.',
    ]);
  });

  it('treats blank lines, headings and list items as boundaries without punctuation', () => {
    expect(texts('# Heading\nFirst paragraph\nstill first\n\nSecond paragraph\n- item one\n- item two')).toEqual([
      '# Heading',
      'First paragraph\nstill first',
      'Second paragraph',
      '- item one',
      '- item two',
    ]);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n ')).toEqual([]);
  });

  it('does not split a reference line at its initials', () => {
    expect(texts('Webber, L., & Valle, R.. (2023). The Islamic State’s Central Asian Contingents. Hudson Institute.')).toEqual([
      'Webber, L., & Valle, R.. (2023).',
      'The Islamic State’s Central Asian Contingents.',
      'Hudson Institute.',
    ]);
  });
});

describe('isAbbreviation()', () => {
  it('knows initials, dotted acronyms and listed abbreviations', () => {
    for (const t of ['A', 'U.S', 'e.g', 'pp', 'Dr', '(Ed', 'Jan']) expect(isAbbreviation(t)).toBe(true);
  });
  it('does not treat ordinary words or numbers as abbreviations', () => {
    for (const t of ['Kabul', '3', '2023', 'etc', 'ISKP']) expect(isAbbreviation(t)).toBe(false);
  });
});

// Every document is split into sentences, so a hostile one must not stall ingest. Each text took
// the old code 1.5–3 s (20,000 characters; 36,000 for the initials, whose old cost grows more slowly);
// in one pass it takes a few tens of milliseconds, and 200 ms leaves room for a loaded machine.
describe('splitSentences() on adversarial text', () => {
  const texts: [string, string][] = [
    ['a long run of periods', `a${'.'.repeat(20_000)}b`],
    ['initials before no-break spaces, never a space', `${'A.\u00a0'.repeat(12_000)}x`],
  ];

  it.each(texts)('splits %s in linear time', (_, text) => {
    const started = performance.now();
    splitSentences(text);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('still splits them as before', () => {
    expect(texts[0]![1]).toBe(splitSentences(texts[0]![1])[0]!.text);
    // No space, tab or newline before "A": the word is the whole run, not an initial, so each period ends a sentence.
    expect(splitSentences(texts[1]![1])).toHaveLength(11_999);
    expect(splitSentences('Kabul.\u00a0Then (A.\tB. Jadoon)')).toEqual([
      { text: 'Kabul.', offset: 0 },
      { text: 'Then (A.\tB. Jadoon)', offset: 7 },
    ]);
  });
});
