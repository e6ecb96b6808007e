import type { ThesaurusData } from '../../../core/text/thesaurus';
import { corpusLinks } from './corpus-links';
import { framingStems } from './framing';
import { nounKinds } from './kinds';
import { indexStems } from './lemma-stems';
import type { WordNet } from './parse-wordnet';

/** The thesaurus shipped with an index: WordNet's links into the corpus vocabulary, its framing stems, and the nouns whose answer is a name. */
/** `words`: the corpus's words as written; without them every word behind a corpus stem is read. */
export function buildThesaurus(wordnet: WordNet, vocabulary: ReadonlySet<string>, source: string, words?: ReadonlySet<string>): ThesaurusData {
  const readings = indexStems(wordnet);
  return { source, links: corpusLinks({ wordnet, vocabulary, readings, words }), framing: framingStems(wordnet, readings), kinds: nounKinds(wordnet, readings) };
}
