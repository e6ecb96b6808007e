import type { ThesaurusData } from '../../../core/text/thesaurus';
import { corpusLinks } from './corpus-links';
import { framingStems } from './framing';
import { nounKinds } from './kinds';
import { indexStems } from './lemma-stems';
import type { WordNet } from './parse-wordnet';

/** The thesaurus shipped with an index: WordNet's links into the corpus vocabulary, its framing stems, and the nouns whose answer is a name. */
export function buildThesaurus(wordnet: WordNet, vocabulary: ReadonlySet<string>, source: string): ThesaurusData {
  const readings = indexStems(wordnet);
  return { source, links: corpusLinks({ wordnet, vocabulary, readings }), framing: framingStems(wordnet, readings), kinds: nounKinds(wordnet, readings) };
}
