import { describe, expect, it } from 'vitest';
import { slugify, sourceId, uniqueId } from '../../../src/core/corpus/source-id';

describe('sourceId()', () => {
  it('uses the first author’s family name and the year', () => {
    expect(sourceId(['Hamming, T.'], 2023, 'Anything')).toBe('hamming-2023');
    expect(sourceId(['Sayed, A.', 'Hamming, T. R.'], 2023, 'Anything')).toBe('sayed-2023');
  });

  it('slugs an organisation’s whole name, dropping a leading "The"', () => {
    expect(sourceId(['The Soufan Center'], 2023, 'x')).toBe('soufan-center-2023');
    expect(sourceId(['South China Morning Post'], 2021, 'x')).toBe('south-china-morning-post-2021');
    expect(sourceId(['Bne IntelliNews'], 2023, 'x')).toBe('bne-intellinews-2023');
  });

  it('falls back to the first words of the title, and to "nd" without a year', () => {
    expect(sourceId([], 2020, 'Islamic State’s Reach: A Study of Many Things')).toBe('islamic-states-reach-a-study-2020');
    expect(sourceId(['Müller, K.'], null, 'x')).toBe('muller-nd');
  });
});

describe('slugify()', () => {
  it('lowercases, strips accents and apostrophes, and joins words with hyphens', () => {
    expect(slugify('  Khorasan’s Café & Co. ')).toBe('khorasans-cafe-co');
  });
});

describe('uniqueId()', () => {
  it('keeps the first id and suffixes later collisions with -b, -c', () => {
    const taken = new Set<string>();
    expect(['sayed-2022', 'sayed-2022', 'sayed-2022', 'jadoon-2023'].map((id) => uniqueId(id, taken))).toEqual([
      'sayed-2022',
      'sayed-2022-b',
      'sayed-2022-c',
      'jadoon-2023',
    ]);
  });
});
