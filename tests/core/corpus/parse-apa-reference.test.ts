import { describe, expect, it } from 'vitest';
import { isApaReferenceLine, parseApaReference } from '../../../src/core/corpus/parse-apa-reference';
import { growth, looksLinear } from '../../helpers/timing';

describe('parseApaReference()', () => {
  it('does not take a title’s own last sentence as publisher when it is not name-like', () => {
    const r = parseApaReference('Smith, J. (2020). Why ISIS Fell. and Why it Returned. Hudson Institute.')!;
    expect(r.title).toBe('Why ISIS Fell. and Why it Returned');
    expect(r.publisher).toBe('Hudson Institute');
  });

  it('keeps a title that ends with an abbreviation’s period', () => {
    const r = parseApaReference('Wilson Center. (2023). Jihadists in the U.S.')!;
    expect(r.title).toBe('Jihadists in the U.S.');
    expect(r.publisher).toBe('Wilson Center');
  });

  it('does not split a publisher that starts with a dotted acronym', () => {
    const r = parseApaReference('Doe, J. (2019). Peace Talks: A Review. U.S. Institute of Peace.')!;
    expect(r.title).toBe('Peace Talks: A Review');
    expect(r.publisher).toBe('U.S. Institute of Peace');
  });

  it('reads a month from "(2023, May 5)" and a missing year from "(n.d.)"', () => {
    expect(parseApaReference('Doe, J. (2023, May 5). A Title. Reuters.')).toMatchObject({ year: 2023, month: 'May', title: 'A Title' });
    expect(parseApaReference('Doe, J. (n.d.). A Title. Reuters.')).toMatchObject({ year: null, title: 'A Title' });
  });

  it('reads a journal with a comma after its name and a chapter with several editors', () => {
    expect(parseApaReference('Doe, J. (2021). Title. Journal of Things, 3(1), 1–9.')).toMatchObject({ container: 'Journal of Things', volume: '3', issue: '1', pages: '1–9', publisher: null });
    expect(parseApaReference('Doe, J. (2021). Title. In A. Smith & B. C. Jones (Eds.), Big Book (pp. 5–7). Press.')).toMatchObject({
      editors: ['Smith, A.', 'Jones, B. C.'],
      container: 'Big Book',
      pages: '5–7',
      publisher: 'Press',
    });
  });

  it('returns null for a line that is not a reference', () => {
    expect(parseApaReference('How to Cite')).toBeNull();
    expect(isApaReferenceLine('Hamming, T. (2023). Title. CTC Sentinel 16(7), 20-27.')).toBe(true);
  });
});

// Users add their own reference lists, so a hostile line must not stall ingest. Each line took the
// old code 0.8–6 s (20,000 characters; 40,000–45,000 for the last three, whose old cost grows more
// slowly); read in one pass it takes a few milliseconds. Each line is built at a size and four
// times that size, and its time must grow about fourfold, not sixteenfold.
describe('parseApaReference() on adversarial lines', () => {
  const spaces = ' '.repeat(20_000);
  const lines: [string, (n: number) => string][] = [
    ['spaces before a "(" that opens no date', (n) => `A${' '.repeat(n)}(x`],
    ['spaces and no "(" at all', (n) => `A${' '.repeat(n)}x`],
    ['a long month with no space after its ")"', (n) => `A (2020, ${'a'.repeat(n)})x`],
    ['spaces inside the author block', (n) => `A${' '.repeat(n)}B (2020). Title.`],
    ['" ," repeated in the author block', (n) => `A${' ,'.repeat(n / 2)}B (2020). Title.`],
    ['"," repeated in the author block', (n) => `A${','.repeat(n)}B (2020). Title.`],
    ['periods repeated in the author block', (n) => `A${'.'.repeat(n)}B (2020). Title.`],
    ['spaces in a last element with no volume', (n) => `Doe, J. (2020). Title. A${' '.repeat(n)}x.`],
    ['spaces in a chapter element with no "(Ed.)"', (n) => `Doe, J. (2020). Title. In A${' '.repeat(n)}x.`],
    ['spaces inside a chapter’s editors', (n) => `Doe, J. (2020). Title. In A${' '.repeat(n)}B (Ed.), Book.`],
    ['" (p." repeated in a chapter', (n) => `Doe, J. (2020). Title. In Book${' (p.'.repeat(n / 4)}.`],
    ['"(2020, May" repeated and never closed', (n) => `A ${'(2020, May'.repeat(n / 5)}`],
    ['"(" repeated in the last element', (n) => `Doe, J. (2020). Title. ${'('.repeat(2 * n)}.`],
    ['periods before tabs in the title', (n) => `Doe, J. (2020). ${'a.\t'.repeat((3 * n) / 4)}x`],
  ];

  it.each(lines)('reads %s in linear time', (_, line) => {
    const grown = growth((n) => parseApaReference(line(n)), 5_000);
    expect(looksLinear(grown), `${grown.ratio.toFixed(1)}x for 4x the input, ${grown.ms.toFixed(1)} ms`).toBe(true);
  });

  it('still reads them as before', () => {
    expect(parseApaReference(`A${spaces}(x`)).toBeNull();
    expect(parseApaReference(`A ${'(2020, May'.repeat(4_000)}`)).toBeNull();
    expect(parseApaReference(`A${spaces}B (2020). Title.`)).toMatchObject({ authors: [`A${spaces}B`], title: 'Title' });
    expect(parseApaReference(`A${' ,'.repeat(10_000)}B (2020). Title.`)?.authors).toEqual(['A', 'B']);
    expect(parseApaReference(`Doe, J. (2020). Title. A${spaces}x.`)).toMatchObject({ title: `Title. A${spaces}x`, container: null });
    expect(parseApaReference(`Doe, J. (2020). Title. In A${spaces}B (Ed.), Book.`)).toMatchObject({ editors: [`A${spaces}B`], container: 'Book' });
  });
});
