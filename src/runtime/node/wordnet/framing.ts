import { stemLemma, type Reading } from './lemma-stems';
import { LEXICOGRAPHER_FILES, type Synset, type WordNet } from './parse-wordnet';

/**
 * Verbs whose first sense is about telling or thinking frame a question: "what does it say/argue".
 * Perception verbs do not: their first senses include "endure" and "bear", words of titles.
 */
const FRAMING_VERB_FILES: ReadonlySet<number> = new Set(['verb.cognition', 'verb.communication'].map((f) => LEXICOGRAPHER_FILES.indexOf(f)));
/**
 * A question frames itself in common verbs (say 2,000+ tags in WordNet's concordance, cite 22); a
 * rarely used verb of thought is a title's word ("The Enduring Duel": endure, 16).
 */
const FRAMING_VERB_TAGS = 20;
/**
 * Light verbs (make, take, give, get, have...) are the polysemous and frequent ones. Polysemy alone
 * also catches "kill" (15 senses) and "strike" (22), which are what this corpus is about; they are
 * much rarer in WordNet's tagged texts (105 and 78 tags against make's 1612).
 */
const LIGHT_VERB_SENSES = 10;
const LIGHT_VERB_TAGS = 250;
/**
 * Nouns for what is read, written or said and for who does it: the paper, the article, the author,
 * the talk. Each is the lemma's first sense in the lexicographer file named.
 */
const FRAMING_NOUN_ROOTS: ReadonlyArray<readonly [lemma: string, file: string]> = [
  ['written_communication', 'noun.communication'],
  ['document', 'noun.communication'],
  ['publication', 'noun.communication'],
  ['text', 'noun.communication'],
  // Its first such sense is "address, speech"; "address"'s own is a computer address.
  ['speech', 'noun.communication'],
  ['lecture', 'noun.communication'],
  ['communicator', 'noun.person'],
];
/** Nouns whose first sense is this close to the top of WordNet's hierarchy are too general to be a topic: group, part, event, person. */
const GENERAL_NOUN_DEPTH = 3;

/**
 * Stems that frame a question rather than name what it is about, derived from WordNet: verbs of
 * communication and cognition, light verbs, nouns for texts, talks and their authors,
 * and very general nouns. Verbs and general nouns frame by their first sense; a noun for a text by
 * any of its first three ("paper" is first the material, then an essay, then a newspaper). A stem
 * several words share (the stemmer joins "state" the verb and "state" the country) frames only if
 * its framing readings are most of its uses.
 */
export function framingStems(wordnet: WordNet, readings: ReadonlyMap<string, readonly Reading[]>): string[] {
  const framedBy = (pos: Reading['pos'], lemma: string, senses: number, frames: (synset: Synset) => boolean) =>
    wordnet
      .senses(pos, lemma)
      .slice(0, senses)
      .some((id) => {
        const synset = wordnet.synset(id);
        return synset !== undefined && frames(synset);
      });
  const framing = new Set<string>();

  for (const lemma of wordnet.lemmas('v')) {
    const light = wordnet.senses('v', lemma).length >= LIGHT_VERB_SENSES && wordnet.tagCount('v', lemma) >= LIGHT_VERB_TAGS;
    const telling = wordnet.tagCount('v', lemma) >= FRAMING_VERB_TAGS && framedBy('v', lemma, 1, (s) => FRAMING_VERB_FILES.has(s.lexFile));
    if (light || telling) framing.add(`v:${lemma}`);
  }
  // Named writers and speakers (instances) are topics, not framing: only kinds are followed down.
  const texts = new Set(below(wordnet, rootsOf(wordnet), Infinity).map((s) => s.id));
  const general = new Set(below(wordnet, [topNoun(wordnet)], GENERAL_NOUN_DEPTH).map((s) => s.id));
  const nouns = new Set<string>();
  for (const id of [...texts, ...general]) for (const word of wordnet.synset(id)!.words) nouns.add(word.toLowerCase());
  for (const lemma of nouns) {
    if (framedBy('n', lemma, 3, (s) => texts.has(s.id)) || framedBy('n', lemma, 1, (s) => general.has(s.id))) framing.add(`n:${lemma}`);
  }

  const stems = new Set<string>();
  for (const key of framing) {
    const s = stemLemma(key.slice(2));
    if (s !== undefined && !stems.has(s) && mostlyFraming(wordnet, readings.get(s) ?? [], framing)) stems.add(s);
  }
  return [...stems].sort();
}

function rootsOf(wordnet: WordNet): Synset[] {
  return FRAMING_NOUN_ROOTS.flatMap(([lemma, file]) => {
    const lexFile = LEXICOGRAPHER_FILES.indexOf(file);
    const root = wordnet.senses('n', lemma).map((id) => wordnet.synset(id)).find((s) => s?.lexFile === lexFile);
    if (!root) throw new Error(`WordNet has no ${file} sense of "${lemma}"`);
    return [root];
  });
}

/** WordNet's one unique beginner for nouns, "entity": the hypernym chains of all nouns end there. */
function topNoun(wordnet: WordNet): Synset {
  const entity = wordnet.synset(wordnet.senses('n', 'entity')[0] ?? '');
  if (!entity) throw new Error('WordNet has no noun "entity"');
  return entity;
}

/** The synsets `roots` and their hyponyms (not instances), down to `depth` levels below them. */
function below(wordnet: WordNet, roots: readonly Synset[], depth: number): Synset[] {
  const seen = new Map(roots.map((s) => [s.id, s]));
  let level = roots;
  for (let d = 0; d < depth && level.length > 0; d++) {
    const next: Synset[] = [];
    for (const synset of level) {
      for (const p of synset.pointers) {
        if (p.symbol !== '~' || seen.has(p.target)) continue;
        const hyponym = wordnet.synset(p.target);
        if (!hyponym) continue;
        seen.set(hyponym.id, hyponym);
        next.push(hyponym);
      }
    }
    level = next;
  }
  return [...seen.values()];
}

/**
 * Whether the framing readings of a stem make clearly most of its uses: two thirds of its tags in
 * WordNet's concordance, or of its senses when none is tagged. "blast" the verb (6 tags) does not
 * outweigh "blast" the explosion (3 tags) clearly enough to drop it from "the Kabul blast".
 */
function mostlyFraming(wordnet: WordNet, readings: readonly Reading[], framing: ReadonlySet<string>): boolean {
  const tags = readings.map((r) => wordnet.tagCount(r.pos, r.lemma));
  const untagged = tags.every((t) => t === 0);
  const weights = untagged ? readings.map((r) => wordnet.senses(r.pos, r.lemma).length) : tags;
  let framed = 0;
  let total = 0;
  readings.forEach((r, i) => {
    total += weights[i]!;
    if (framing.has(`${r.pos}:${r.lemma}`)) framed += weights[i]!;
  });
  return total > 0 && framed * 3 >= total * 2;
}
