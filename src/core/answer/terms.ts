import type { GlossaryEntry } from '../corpus/types';
import { createAliasMatcher } from '../corpus/alias-matcher';
import { memoize } from '../memo';
import { tokenize } from '../text/tokenize';

/**
 * Content terms with every glossary alias folded into one token per entity, so "ISIS-K",
 * "ISKP" and "Islamic State Khorasan Province" are the same term, and so are "propaganda" and
 * "media warfare". Aliases are matched on stemmed tokens, so inflections match too.
 */
export interface TermModel {
  terms(text: string): readonly string[];
  /** The same terms as a set, for membership tests. */
  termSet(text: string): ReadonlySet<string>;
  /** Inverse document frequency over the index's chunks; unseen terms get the highest. */
  idf(term: string): number;
  /** Whether any of the index's chunks holds the term. */
  seen(term: string): boolean;
  /** Glossary entry ids (`g:...`) mentioned in a text, in order of first mention. */
  entities(text: string): readonly string[];
  /** Glossary entry ids whose names a text writes, those inside a longer name included ("Pakistan" in "Tehrik-e-Taliban Pakistan"): what it holds word for word. */
  written(text: string): ReadonlySet<string>;
  entry(id: string): GlossaryEntry | undefined;
  /** The entities with a name of several words that has this word, when the corpus writes the word only inside such names ("media" of "media warfare"). */
  partOf(term: string): readonly string[];
}

const ENTITY_PREFIX = 'g:';
/**
 * Texts whose terms are remembered. Answering asks for the terms of the same corpus texts on every
 * question (each reference's outlet, each retrieved passage, each suggestion), and for the
 * question's own three times: the seed corpus has a few hundred; beyond this many, the texts not
 * asked for lately are forgotten and recomputed when next needed.
 */
const MEMO_SIZE = 20_000;

export function createTermModel(glossary: GlossaryEntry[], documents: string[]): TermModel {
  const ids = glossary.map((entry) => ENTITY_PREFIX + entry.canonical.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-'));
  const entries = new Map(glossary.map((entry, i) => [ids[i]!, entry]));
  const match = createAliasMatcher(glossary);
  const computeTerms = (text: string): string[] => match(text).map((m) => (typeof m === 'string' ? m : ids[m.entry]!));

  // Frozen: one array is shared by every caller, so none may change it under the others.
  const terms = memoize((text) => Object.freeze(computeTerms(text)), MEMO_SIZE);
  const termSet = memoize((text) => new Set(terms(text)) as ReadonlySet<string>, MEMO_SIZE);
  const entities = memoize((text) => Object.freeze([...new Set(terms(text).filter((t) => t.startsWith(ENTITY_PREFIX)))]), MEMO_SIZE);
  const written = memoize((text) => new Set(match.written(text).map((m) => ids[m.entry]!)) as ReadonlySet<string>, MEMO_SIZE);

  const df = new Map<string, number>();
  for (const doc of documents) for (const term of new Set(terms(doc))) df.set(term, (df.get(term) ?? 0) + 1);
  const n = documents.length;
  // Worked out once per term: support scoring asks for the same few hundred on every question.
  const weightOf = (count: number) => Math.log(1 + (n + 1) / (count + 0.5));
  const idfs = new Map([...df].map(([term, count]) => [term, weightOf(count)]));
  const unseen = weightOf(0);
  const idf = (term: string) => idfs.get(term) ?? unseen;

  // A word the corpus writes only inside a glossary name is no unseen word: "media strategy" asks of "media warfare".
  const within = new Map<string, string[]>();
  glossary.forEach((entry, i) => {
    for (const name of [entry.canonical, ...entry.aliases]) {
      const words = tokenize(name);
      if (words.length > 1) for (const w of words) if (!within.get(w)?.includes(ids[i]!)) within.set(w, [...(within.get(w) ?? []), ids[i]!]);
    }
  });
  const NONE: readonly string[] = [];

  return {
    terms,
    termSet,
    idf,
    seen: (term) => df.has(term),
    entities,
    written,
    entry: (id) => entries.get(id),
    partOf: (term) => (df.has(term) ? NONE : within.get(term) ?? NONE),
  };
}
