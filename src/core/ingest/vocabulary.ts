import type { Source } from '../corpus/types';
import { tokenize } from '../text/tokenize';

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
