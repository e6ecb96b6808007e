import { stemLemma, type Reading } from './lemma-stems';
import { LEXICOGRAPHER_FILES, type Synset, type WordNet } from './parse-wordnet';

/** Only a word's most frequent senses (index.* lists them first) link: its rare ones would join words it hardly ever means. */
const SENSES_CONSIDERED = 3;
/** A question word linked to more corpus words than this is a hub: only its strongest links stay. */
export const MAX_LINKS = 40;
/**
 * A synset with more direct hyponyms than this is too broad to step down from: "change" (401 kinds
 * of change) would reach every narrower verb, which says nothing about any of them.
 */
const MAX_HYPONYMS = 25;
/**
 * A corpus word's rarer sense still links its synonyms when it is what the question word means
 * first ("globe" is sense 4 of "world", "offshoot" sense 4 of "branch"), more weakly; and the
 * other way round.
 */
const RARER_SENSE_SYNONYM = 0.6;

/**
 * Weight of each way a question word's synset Q reaches a corpus word's synset C, walking from C.
 * `R` is a related form (derivation `+`, pertainym `\`, similar-to `&`); `r` a derivation or
 * pertainym taken between whole synsets, weaker: "administer" reaches "governance" through
 * "administration", its synonym, and "rule" through "govern", its synonym. `U` is a step up to a
 * hypernym (a category reaches its members), `D` a step down to a hyponym (a narrower word reaches
 * the broader one the corpus uses). Up-then-down (siblings: "Iran" for "Afghanistan") and
 * down-then-up join words that mean different things; down-then-down reached thousands of
 * specific words from each general one, and they are left out.
 */
const PATHS: ReadonlyArray<readonly [path: string, weight: number]> = [
  ['', 0.8],
  ['R', 0.7],
  ['r', 0.6],
  ['U', 0.6],
  ['D', 0.6],
  ['UU', 0.6],
  ['RR', 0.4],
  ['RU', 0.4],
  ['UR', 0.4],
  ['RD', 0.4],
  ['DR', 0.4],
];

const STEP_SYMBOLS: Record<string, ReadonlySet<string>> = {
  R: new Set(['+', '\\', '&']),
  r: new Set(['+', '\\']),
  U: new Set(['@', '@i']),
  D: new Set(['~', '~i']),
};

/** Where a walk stands: a synset, and the word of it it came by when there is one. */
interface Node {
  synset: Synset;
  /** 1-based word number a lexical pointer must start from; 0 when any word of the synset will do. */
  word: number;
  /** A lexical pointer led here: only that word is reached, not its synonyms. */
  wordOnly: boolean;
  /** The pointer symbol of the step that led here, if any. */
  via?: string;
}

export interface CorpusLinkInput {
  wordnet: WordNet;
  /** Corpus stems. */
  vocabulary: ReadonlySet<string>;
  /** Every stem's WordNet readings (see `indexStems`). */
  readings: ReadonlyMap<string, readonly Reading[]>;
  /** The corpus's words as written: a corpus stem is read only as the lemmas of these ("state", not "static"). */
  words?: ReadonlySet<string>;
}

/** Question stem → corpus stems it reaches through WordNet, strongest first, at most `MAX_LINKS` each. */
export function corpusLinks({ wordnet, vocabulary, readings, words }: CorpusLinkInput): Record<string, [string, number][]> {
  const best = new Map<string, Map<string, number>>();
  const link = (q: string, c: string, weight: number) => {
    let targets = best.get(q);
    if (!targets) best.set(q, (targets = new Map()));
    if ((targets.get(c) ?? 0) < weight) targets.set(c, weight);
  };
  const frequentSense = (synset: Synset, lemma: string) => {
    const rank = wordnet.senses(synset.pos, lemma).indexOf(synset.id);
    return rank >= 0 && rank < SENSES_CONSIDERED;
  };

  for (const c of [...vocabulary].sort()) {
    for (const { pos, lemma } of readings.get(c) ?? []) {
      if (words && !writtenIn(lemma, words)) continue;
      for (const [rank, id] of wordnet.senses(pos, lemma).entries()) {
        const synset = wordnet.synset(id);
        if (!synset || namesSomeoneElse(synset)) continue;
        if (rank >= SENSES_CONSIDERED) {
          for (const word of synset.words) {
            const q = word.toLowerCase();
            const qStem = stemLemma(q);
            if (qStem !== undefined && qStem !== c && wordnet.senses(pos, q)[0] === id) link(qStem, c, RARER_SENSE_SYNONYM);
          }
          continue;
        }
        const start: Node = { synset, word: synset.words.findIndex((w) => w.toLowerCase() === lemma) + 1, wordOnly: false };
        for (const [path, weight] of PATHS) {
          for (const node of walk(wordnet, start, path)) {
            const words = node.wordOnly ? [node.synset.words[node.word - 1]!] : node.synset.words;
            for (const word of words) {
              const q = word.toLowerCase();
              const qStem = stemLemma(q);
              if (qStem === undefined || qStem === c) continue;
              if (frequentSense(node.synset, q)) link(qStem, c, weight);
              // The other way round: what the corpus word means first is a question word's rarer
              // sense ("comprise" is sense 4 of "consist").
              else if (path === '' && rank === 0) link(qStem, c, RARER_SENSE_SYNONYM);
            }
          }
        }
      }
    }
  }

  // fromEntries defines each key as data, so a stem such as "__proto__" stays a plain key.
  return Object.fromEntries(
    [...best.keys()].sort().map((q) => [q, [...best.get(q)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_LINKS)]),
  );
}

/**
 * Whether the corpus writes the lemma or a form of it: a corpus word that starts with the lemma,
 * less a final "e" or "y" ("states", "reorganizing", "territorialities", "countries"). "States"
 * does not start with "static", so the stem "stat" is not read as "static".
 */
function writtenIn(lemma: string, words: ReadonlySet<string>): boolean {
  const base = lemma.endsWith('e') || lemma.endsWith('y') ? lemma.slice(0, -1) : lemma;
  for (const w of words) if (w.startsWith(base)) return true;
  return false;
}

const PERSON = LEXICOGRAPHER_FILES.indexOf('noun.person');
/**
 * A named person ("Jackson" the president, "Johnson" the lexicographer): the corpus's "Jackson" is
 * an author or an institute, so "leader" must not reach it. Named places and things are what they
 * name ("countries" reaches "Afghanistan", "globe" the world).
 */
const namesSomeoneElse = (synset: Synset) => synset.lexFile === PERSON && synset.pointers.some((p) => p.symbol === '@i');

/** The nodes reached from `start` by the steps of `path`, in order. */
function walk(wordnet: WordNet, start: Node, path: string): Node[] {
  let nodes = [start];
  for (const step of path) nodes = nodes.flatMap((node) => neighbours(wordnet, node, step));
  return nodes;
}

function neighbours(wordnet: WordNet, { synset, word, via }: Node, step: string): Node[] {
  const symbols = STEP_SYMBOLS[step]!;
  if (step === 'D' && synset.pointers.filter((p) => symbols.has(p.symbol)).length > MAX_HYPONYMS) return [];
  const related = step === 'R' || step === 'r';
  const pointers = related ? [...synset.pointers, ...wordnet.pertainymsOf(synset.id)] : synset.pointers;
  const out: Node[] = [];
  for (const p of pointers) {
    if (!symbols.has(p.symbol)) continue;
    // A lexical pointer joins two words, not their synsets: it holds only from the word we came by,
    // and reaches only its target word; the looser step `r` takes it from and to whole synsets.
    if (step === 'r') {
      const target = wordnet.synset(p.target);
      if (target) out.push({ synset: target, word: 0, wordOnly: false, via: p.symbol });
      continue;
    }
    if (p.from > 0 && word > 0 && p.from !== word) continue;
    // Similar-to twice goes from one satellite adjective to its head and down to every other one:
    // siblings again ("thousand" to "dozen").
    if (p.symbol === '&' && via === '&') continue;
    const target = wordnet.synset(p.target);
    const to = step === 'R' ? p.to : 0;
    if (target && to <= target.words.length) out.push({ synset: target, word: to, wordOnly: to > 0, via: p.symbol });
  }
  return out;
}
