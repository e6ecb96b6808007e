import type { Source } from '../corpus/types';
import { isStopword, normalizeWords, tokenize } from '../text/tokenize';

/**
 * Every stem retrieval can find in a corpus: the tokens of each chunk's search text, and of each
 * source's title, authors and outlets (which bibliographic questions name).
 */
export function corpusVocabulary(searchTexts: readonly string[], sources: readonly Source[]): Set<string> {
  const stems = new Set<string>();
  const add = (text: string | null | undefined) => {
    if (text) for (const t of tokenize(text)) stems.add(t);
  };
  searchTexts.forEach(add);
  for (const s of sources) {
    add(s.title);
    s.authors.forEach(add);
    add(s.container);
    add(s.publisher);
  }
  return stems;
}

/**
 * The words behind the stems, as the corpus writes them (lowercased): the stemmer joins "state"
 * and "static", so a lexical resource must read a stem as the words the corpus uses, not all it could be.
 */
export function corpusWords(searchTexts: readonly string[], sources: readonly Source[]): Set<string> {
  const words = new Set<string>();
  const add = (text: string | null | undefined) => {
    if (text) for (const w of normalizeWords(text)) if (!isStopword(w)) words.add(w);
  };
  searchTexts.forEach(add);
  for (const s of sources) {
    add(s.title);
    s.authors.forEach(add);
    add(s.container);
    add(s.publisher);
  }
  return words;
}
