import { describe, expect, it } from 'vitest';
import { isAbbreviation, splitSentences } from '../../src/corpus/sentences';

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
