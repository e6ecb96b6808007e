import type { NounKinds } from '../../../core/text/thesaurus';
import type { Reading } from './lemma-stems';
import { LEXICOGRAPHER_FILES, type WordNet } from './parse-wordnet';

/** WordNet's lexicographer files for nouns that name people, places and organised groups. */
const KIND_FILES: Record<keyof NounKinds, number> = {
  person: LEXICOGRAPHER_FILES.indexOf('noun.person'),
  place: LEXICOGRAPHER_FILES.indexOf('noun.location'),
  organization: LEXICOGRAPHER_FILES.indexOf('noun.group'),
};

/**
 * Common nouns whose answer is a name, by kind: "which official" asks for a person, "which city"
 * for a place, "which party" or "which university" for an organisation. A stem is of a kind when
 * its most used noun reading's first sense is in that kind's lexicographer file; nouns WordNet's
 * concordance never tagged are left out, to keep the shipped lists to words people use.
 */
export function nounKinds(wordnet: WordNet, readings: ReadonlyMap<string, readonly Reading[]>): NounKinds {
  const kinds: NounKinds = { person: [], place: [], organization: [] };
  for (const [stem, all] of readings) {
    let best: Reading | undefined;
    let bestTags = 0;
    for (const r of all) {
      const tags = wordnet.tagCount(r.pos, r.lemma);
      if (tags > bestTags) [best, bestTags] = [r, tags];
    }
    // The stem's most used reading must be a noun: "lead" the verb is no person.
    if (!best || best.pos !== 'n') continue;
    const first = wordnet.synset(wordnet.senses('n', best.lemma)[0] ?? '');
    for (const kind of Object.keys(KIND_FILES) as (keyof NounKinds)[]) if (first?.lexFile === KIND_FILES[kind]) kinds[kind].push(stem);
  }
  for (const list of Object.values(kinds)) list.sort();
  return kinds;
}
