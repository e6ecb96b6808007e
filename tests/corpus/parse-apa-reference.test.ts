import { describe, expect, it } from 'vitest';
import { isApaReferenceLine, parseApaReference } from '../../src/corpus/parse-apa-reference';

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
