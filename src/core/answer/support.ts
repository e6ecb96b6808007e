import type { Thesaurus } from '../text/thesaurus';
import { memoize } from '../memo';
import { tokenize } from '../text/tokenize';
import type { TermModel } from './terms';

/**
 * Function words the tokenizer keeps (it keeps them for exact-phrase search): they carry no
 * evidence either way. Framing words ("say", "paper", "discuss") are not listed here: the
 * thesaurus tells them from topic words, from its lexical resource.
 */
const FUNCTION_WORDS = 'please anything something everything much many despite yes';

/**
 * What a framing word ("What does the paper say about X?") weighs beside a topic word of the same
 * rarity: a passage that holds it is a little closer, one that lacks it loses little.
 */
const FRAMING_WEIGHT = 0.2;

/**
 * Links weaker than this (two steps through WordNet: "lead" → "cause") find passages for retrieval
 * but are no evidence that a passage says what the question asks.
 */
const MIN_LINK = 0.6;

/** Relations that support the question through other words count at their thesaurus weight, never as much as the word itself. */
type Links = Pick<Thesaurus, 'related' | 'isFraming' | 'kindOf'>;

export interface Support {
  /** Share of the question's weighted terms that the passage contains, 0..1; a related word counts at its link's weight. */
  coverage: number;
  /** Question terms the passage lacks, neither the word nor a related one, in the question's order. */
  missing: string[];
}

/** A question's terms, and those of them that frame this question in particular (the verb its teller governs). */
export interface Asked {
  terms: string[];
  framed: ReadonlySet<string>;
}

const NO_LINKS: Links = { related: () => [], isFraming: () => false, kindOf: () => undefined };
const NONE: ReadonlySet<string> = new Set();

/**
 * "Which countries does the author zoom in on?", "What does the report focus on?": the verb whose
 * subject is the paper, its author or a text frames the question as "say" does, whatever the verb.
 * The auxiliary, an optional determiner, the subject, then the verb.
 */
const TELLER_VERB = /\b(?:does|did|do|has|have|will|would|can)\s+(?:(?:the|this|that|its|his|her|their)\s+)?([\p{L}’'-]+)\s+([\p{L}-]+)/giu;

/**
 * Scores how much of what a question asks about a passage holds: each of the question's terms
 * weighs its rarity in the corpus (idf), framing terms weigh a fifth of that, and a term the
 * passage lacks still counts when the passage has a word the thesaurus links to it. `tellers`:
 * the names of the paper's authors, which frame a question as "the paper" does.
 */
export function createSupportScorer(model: TermModel, thesaurus: Links = NO_LINKS, { tellers = [] }: { tellers?: readonly string[] } = {}) {
  const functionWords = new Set(model.terms(FUNCTION_WORDS));
  // "What does Tassev argue?": the paper's author, named, frames the question as "the paper" does.
  const named = new Set(tellers.flatMap((name) => model.terms(name)));
  const isFraming = (t: string) => named.has(t) || thesaurus.isFraming(t);
  const questionTerms = (question: string) => [...new Set(model.terms(question))].filter((t) => !functionWords.has(t));
  /** The verbs of a question whose subject is a teller ("does the author zoom"). */
  const framedIn = (question: string): ReadonlySet<string> => {
    let framed: Set<string> | undefined;
    for (const [, subject, verb] of question.matchAll(TELLER_VERB)) {
      const who = model.terms(subject!);
      if (!who.length || !who.every(isFraming)) continue;
      for (const t of model.terms(verb!)) (framed ??= new Set()).add(t);
    }
    return framed ?? NONE;
  };
  const weights = new Map<string, number>();
  const weightOf = (t: string, framed: ReadonlySet<string> = NONE) => {
    if (framed.has(t)) return model.idf(t) * FRAMING_WEIGHT;
    let w = weights.get(t);
    if (w === undefined) weights.set(t, (w = model.idf(t) * (isFraming(t) ? FRAMING_WEIGHT : 1)));
    return w;
  };
  /**
   * How far a passage holds a term: 1 for the term itself, a link's weight for a related word,
   * else 0. Related words are looked up among the passage's words as written too, so a name the
   * glossary folds into one entity ("Central Asia") still offers its words ("Asia") to the
   * thesaurus; the question's own words are not ("state" is not in "Islamic State").
   */
  const held = (t: string, passage: ReadonlySet<string>, words: ReadonlySet<string>) => {
    if (passage.has(t)) return 1;
    let best = 0;
    for (const [other, w] of thesaurus.related(t)) if (w > best && w >= MIN_LINK && passage.has(other)) best = w;
    return best;
  };
  const wordsOf = memoize((text: string) => new Set(tokenize(text)) as ReadonlySet<string>, 20_000);

  return {
    terms: model,
    /** The terms a question is scored on: all but function words, framing ones included at their lower weight. */
    questionTerms,
    /** A question's terms with what frames it: its framing words, and the verb of a teller subject. */
    weigh: (question: string): Asked => ({ terms: questionTerms(question), framed: framedIn(question) }),
    /** What a question is about: its terms without the framing ones ("paper", "say"); none for "What does the paper say?". */
    focusTerms: (question: string) => questionTerms(question).filter((t) => !isFraming(t)),
    /** Whether the corpus has the term, or a word the thesaurus relates to it: whether the sources can speak to it at all. */
    speaksTo: (t: string) => model.seen(t) || thesaurus.related(t).length > 0,
    /** The kind of name a word asks for ("which city": a place), by its stem. */
    kindOf: (word: string) => {
      const [t] = tokenize(word);
      return t === undefined ? undefined : thesaurus.kindOf(t);
    },
    /** Whether a term names what a question is about rather than framing it. */
    isTopic: (t: string, framed: ReadonlySet<string> = NONE) => !isFraming(t) && !framed.has(t),
    /** Summed weight of terms: how much of a question they stand for. */
    weight: (terms: readonly string[], framed: ReadonlySet<string> = NONE) => terms.reduce((sum, t) => sum + weightOf(t, framed), 0),
    /** How much of what the question asks about a passage holds, weighting rare topic terms higher. */
    support(question: string | readonly string[] | Asked, passage: string): Support {
      const { terms: q, framed } = typeof question === 'string' ? { terms: questionTerms(question), framed: framedIn(question) } : 'framed' in question ? question : { terms: question, framed: NONE };
      if (!q.length) return { coverage: 0, missing: [] };
      const p = model.termSet(passage);
      const words = wordsOf(passage);
      let total = 0;
      let covered = 0;
      const missing: string[] = [];
      for (const t of q) {
        const w = weightOf(t, framed);
        total += w;
        const h = held(t, p, words);
        covered += w * h;
        if (h === 0) missing.push(t);
      }
      return { coverage: total ? covered / total : 0, missing };
    },
  };
}

export type SupportScorer = ReturnType<typeof createSupportScorer>;
