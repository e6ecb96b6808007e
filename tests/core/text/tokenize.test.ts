import { describe, expect, it } from 'vitest';
import { normalizeWords, stem, tokenize } from '../../../src/core/text/tokenize';

describe('tokenize', () => {
  it('lowercases, strips diacritics and splits on punctuation', () => {
    expect(normalizeWords('Ḫurāsān, ISKP’s “Wilāyat”!')).toEqual(['hurasan', 'iskp', 's', 'wilayat']);
  });

  it('drops English stopwords and contraction debris', () => {
    expect(tokenize("The leader of the group didn't speak")).toEqual(['lead', 'group', 'speak']);
  });

  it('gives inflected and derived forms one stem', () => {
    const stems = ['reorganizing', 'reorganization', 'reorganized', 'reorganize', 'reorganises'].map(stem);
    expect(new Set(stems)).toEqual(new Set(['reorganiz']));
    expect(stem('attacks')).toBe(stem('attack'));
    expect(stem('jihadists')).toBe(stem('jihadism'));
    expect(stem('planned')).toBe(stem('plans'));
  });

  it('leaves short words, numbers and -is/-us/-ss endings alone', () => {
    expect(['isis', 'status', 'pass', '2024', 'war'].map(stem)).toEqual(['isis', 'status', 'pass', '2024', 'war']);
  });

  it('keeps text order so callers can form bigrams', () => {
    expect(tokenize('Islamic State Khorasan Province')).toEqual(['islam', 'stat', 'khorasan', 'provinc']);
  });
});
