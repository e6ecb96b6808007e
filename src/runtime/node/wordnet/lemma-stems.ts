import { isStopword, normalizeWords, stem } from '../../../core/text/tokenize';
import { PARTS_OF_SPEECH, type WordNet, type WordNetPos } from './parse-wordnet';

/** Shortest stem worth linking: shorter ones are abbreviations and debris ("un", "ad"). */
const MIN_STEM_LENGTH = 3;

/** One way WordNet knows a stem: a lemma (lowercase, underscores) as a part of speech. */
export interface Reading {
  pos: WordNetPos;
  lemma: string;
}

/**
 * A lemma's `tokenize()` stem, or undefined for a lemma that is not one content word (multiword
 * or hyphenated, a stopword, too short). Calls `stem` itself rather than `tokenize`: tokenize's
 * cache is shared with query time, and WordNet's 150k lemmas would flush it.
 */
export function stemLemma(lemma: string): string | undefined {
  // Underscores join the words of a multiword lemma.
  if (lemma.includes('_')) return undefined;
  // One word before stopwords go, or "change-up" would pass for "change". Most lemmas are plain
  // lowercase words, which normalizeWords would return as they are.
  const words = isPlainWord(lemma) ? [lemma] : normalizeWords(lemma);
  if (words.length !== 1 || isStopword(words[0]!)) return undefined;
  const s = stem(words[0]!);
  return s.length >= MIN_STEM_LENGTH ? s : undefined;
}

function isPlainWord(lemma: string): boolean {
  for (let i = 0; i < lemma.length; i++) {
    const c = lemma.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** Every stem WordNet has a lemma for → the readings that make it. */
export function indexStems(wordnet: WordNet): Map<string, Reading[]> {
  const byStem = new Map<string, Reading[]>();
  for (const pos of PARTS_OF_SPEECH) {
    for (const lemma of wordnet.lemmas(pos)) {
      const s = stemLemma(lemma);
      if (s === undefined) continue;
      const readings = byStem.get(s);
      if (readings) readings.push({ pos, lemma });
      else byStem.set(s, [{ pos, lemma }]);
    }
  }
  return byStem;
}
