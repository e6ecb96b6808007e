import type { Source } from '../corpus/types';
import { isStopword, normalizeWords, tokenize } from '../text/tokenize';

/**
 * Every stem retrieval can find in a corpus: the tokens of each chunk's search text, and of each
 * source's title, authors and outlets (which bibliographic questions name).
 */
export function corpusVocabulary(searchTexts: readonly string[], sources: readonly Source[]): Set<string> {
  return new Set(corpusTexts(searchTexts, sources).flatMap(tokenize));
}

/**
 * The words behind the stems, as the corpus writes them (lowercased): the stemmer joins "state"
 * and "static", so a lexical resource must read a stem as the words the corpus uses, not all it could be.
 */
export function corpusWords(searchTexts: readonly string[], sources: readonly Source[]): Set<string> {
  return new Set(corpusTexts(searchTexts, sources).flatMap((text) => normalizeWords(text).filter((w) => !isStopword(w))));
}

/** The texts a corpus's words come from: chunks' search texts, and each source's title, authors and outlets. */
function corpusTexts(searchTexts: readonly string[], sources: readonly Source[]): string[] {
  const texts = [...searchTexts];
  for (const s of sources) texts.push(...[s.title, ...s.authors, s.container, s.publisher].filter((t): t is string => Boolean(t)));
  return texts;
}
