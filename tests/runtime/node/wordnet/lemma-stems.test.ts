import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../../src/core/text/tokenize';
import { stemLemma } from '../../../../src/runtime/node/wordnet/lemma-stems';

describe('stemLemma()', () => {
  it('stems a one-word lemma as tokenize() does', () => {
    for (const lemma of ['countries', 'reorganization', 'attenuation', 'defeated', 'afghanistan', 'e.g.x']) {
      expect(stemLemma(lemma), lemma).toBe(tokenize(lemma.replace(/_/g, ' ')).length === 1 ? tokenize(lemma)[0] : undefined);
    }
    expect(stemLemma('countries')).toBe('country');
  });

  it('has no stem for a multiword or hyphenated lemma, even one whose other words are stopwords', () => {
    expect(stemLemma('change_over')).toBeUndefined();
    expect(stemLemma('change-up')).toBeUndefined();
    expect(stemLemma('al-qaeda')).toBeUndefined();
    expect(stemLemma('islamic_state_of_afghanistan')).toBeUndefined();
  });

  it('has no stem for a stopword or a stem shorter than three letters', () => {
    expect(stemLemma('about')).toBeUndefined();
    expect(stemLemma('ad')).toBeUndefined();
    expect(stemLemma('war')).toBe('war');
  });
});
