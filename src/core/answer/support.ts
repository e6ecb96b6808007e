import type { Thesaurus } from '../text/thesaurus';
import { memoize } from '../memo';
import { tokenize } from '../text/tokenize';
import type { TermModel } from './terms';

/**
 * Function words the tokenizer keeps (it keeps them for exact-phrase search): they carry no
 * evidence either way. Framing words ("say", "paper", "discuss") are not listed here: the
 * thesaurus tells them from topic words, from its lexical resource.
 */
const FUNCTION_WORDS =
  // The closed classes the tokenizer's stopwords leave out: prepositions, conjunctions, determiners
  // and pronouns, and the adverbs of time and degree that only place or qualify a claim. Those whose
  // stem is also a content word's are not listed ("regarding" and "regard", "quite" and "quit").
  'across along alongside amid amidst around atop beneath beside besides beyond onto per since throughout till toward towards underneath unto versus ' +
  'though although unless whereas whether either neither yet lest whenever wherever whereby thus hence therefore however moreover furthermore nevertheless nonetheless meanwhile otherwise ' +
  'another every whatever whichever whoever whose anybody anyone anything everybody everyone everything nobody nothing somebody someone something anywhere everywhere somewhere nowhere elsewhere ' +
  'ever already even rather almost perhaps much many please yes despite ' +
  // Pro-verbs: "When did the attack happen?" asks when the attack was; the verb adds no evidence.
  'happen happens happened occur occurs occurred';

/**
 * What a framing word ("What does the paper say about X?") weighs when the question also names a
 * topic: nothing, for a passage neither gains by holding "says" nor loses by lacking "paper". A
 * question of framing words alone ("What does the author recommend?") is scored on them in full.
 */
const FRAMING_WEIGHT = 0;
/**
 * "Take place", the pro-verb in two words, and "carry out", the verb that only says an attack was
 * done; "no longer", "any more", negations in two words (the yes/no verdict reads them, see
 * yes-no.ts); "what kind of attacks", which asks what attacks: none of them a word the evidence
 * must hold.
 */
const NO_EVIDENCE_PHRASES = /\b(?:take|takes|took|taken|taking) place\b|\b(?:carry|carries|carried|carrying) out\b|\b(?:no|any) longer\b|\bany ?more\b|\b(?:kinds?|sorts?|types?) of\b/gi;

/**
 * Links weaker than this (two steps through WordNet: "lead" → "cause") find passages for retrieval
 * but are no evidence that a passage says what the question asks.
 */
const MIN_LINK = 0.6;
/**
 * The weakest link that says the same as the word itself, a synonym's or a related form's (see the
 * build's PATHS); a category link does not. A framing word, and a claim a yes/no question makes,
 * are said only by links this strong.
 */
export const SAME_MEANING = 0.7;
/** A word the corpus writes only inside a name of several words holds where the name does, as a synonym would ("media" in "media warfare"). */
const PART_OF = 0.8;

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
const TELLER_VERB = /\b(?:does|did|do|has|have|is|are|was|were|will|would|can)\s+(?:(?:the|this|that|its|his|her|their)\s+)?([\p{L}’'-]+)\s+([\p{L}-]+)/giu;

/**
 * Scores how much of what a question asks about a passage holds: each of the question's terms
 * weighs its rarity in the corpus (idf), framing terms nothing beside a topic term, and a term the
 * passage lacks still counts when the passage has a word the thesaurus links to it. `tellers`:
 * the names of the paper's authors, which frame a question as "the paper" does.
 */
export function createSupportScorer(model: TermModel, thesaurus: Links = NO_LINKS, { tellers = [] }: { tellers?: readonly string[] } = {}) {
  const functionWords = new Set(model.terms(FUNCTION_WORDS));
  // "What does Tassev argue?": the paper's author, named, frames the question as "the paper" does.
  const named = new Set(tellers.flatMap((name) => model.terms(name)));
  const isFraming = (t: string) => named.has(t) || thesaurus.isFraming(t);
  const questionTerms = (question: string) => [...new Set(model.terms(question.replace(NO_EVIDENCE_PHRASES, ' ')))].filter((t) => !functionWords.has(t));
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
  /** A question's weights: framing ones count only when nothing else does. Kept per terms array: a question is scored against every passage. */
  const weightsOf = new WeakMap<readonly string[], number[]>();
  const weighed = (terms: readonly string[], framed: ReadonlySet<string>) => {
    // An array of terms goes with one question, and so with one set of framed terms.
    let ws = weightsOf.get(terms);
    if (ws) return ws;
    ws = terms.map((t) => weightOf(t, framed));
    // A question of framing words alone is scored on them in full, but for the teller it names:
    // "What does the paper recommend?" asks for recommendations, wherever "paper" is.
    if (!ws.some((w) => w > 0)) ws = terms.some((t) => framed.has(t)) ? terms.map((t) => (framed.has(t) ? model.idf(t) : 0)) : terms.map((t) => model.idf(t));
    weightsOf.set(terms, ws);
    return ws;
  };
  /**
   * How far a passage holds a term: 1 for the term itself, a link's weight for a related word,
   * else 0. A link that reaches a name the glossary folds into an entity ("countries" reaches
   * "afghanistan") is looked up as that entity.
   */
  const held = (t: string, passage: ReadonlySet<string>, strict = false) => {
    if (passage.has(t)) return 1;
    let best = 0;
    for (const [other, entity, w] of evidenceLinks(t)) if (w > best && (!strict || w >= SAME_MEANING) && (passage.has(other) || passage.has(entity))) best = w;
    if (best < PART_OF) for (const entity of model.partOf(t)) if (passage.has(entity)) return PART_OF;
    return best;
  };
  /** A term's links strong enough to be evidence, each with the entity its target names: worked out once per term, not per passage. */
  const evidenceLinks = memoize(
    // A framing word is general by nature ("paper", "limitation"): only its synonyms and forms say it, never a word in its category.
    (t: string) => thesaurus.related(t).flatMap(([other, w]) => (w >= (isFraming(t) ? SAME_MEANING : MIN_LINK) ? [[other, entityNamed(other), w] as const] : [])),
    20_000,
  );
  /** The entity a one-word name stands for ("afghanistan" → the glossary's Afghanistan), for links that reach a name. */
  const entityNamed = memoize((stem: string) => {
    const [only, ...rest] = model.terms(stem);
    return only !== undefined && rest.length === 0 && only !== stem ? only : '';
  }, 20_000);

  return {
    terms: model,
    /** The terms a question is scored on: all but function words, framing ones included (they count when nothing else does). */
    questionTerms,
    /** A question's terms with what frames it: its framing words, and the verb of a teller subject. */
    weigh: memoize((question: string): Asked => ({ terms: questionTerms(question), framed: framedIn(question) }), 5_000),
    /** What a question is about: its terms without the framing ones ("paper", "say"); none for "What does the paper say?". */
    focusTerms: (question: string) => questionTerms(question).filter((t) => !isFraming(t)),
    /** How far a set of terms holds a term: 1 for the term, a link's weight for a related one, 0 for neither. */
    holds: held,
    /** Whether the corpus has the term, or a word the thesaurus relates to it: whether the sources can speak to it at all. */
    speaksTo: (t: string) => model.seen(t) || model.partOf(t).length > 0 || thesaurus.related(t).some(([, w]) => w >= MIN_LINK),
    /** The kind of name a word asks for ("which city": a place), by its stem. */
    kindOf: (word: string) => {
      const [t] = tokenize(word);
      return t === undefined ? undefined : thesaurus.kindOf(t);
    },
    /** Whether a term names what a question is about rather than framing it. */
    isTopic: (t: string, framed: ReadonlySet<string> = NONE) => !isFraming(t) && !framed.has(t),
    /** Summed weight of terms: how much of a question they stand for (framing ones in full when the terms are framing alone). */
    weight: (terms: readonly string[], framed: ReadonlySet<string> = NONE) => weighed(terms, framed).reduce((sum, w) => sum + w, 0),
    /** How much of what the question asks about a passage holds, weighting rare topic terms higher. */
    support(question: string | readonly string[] | Asked, passage: string): Support {
      const { terms: q, framed } = typeof question === 'string' ? { terms: questionTerms(question), framed: framedIn(question) } : 'framed' in question ? question : { terms: question, framed: NONE };
      if (!q.length) return { coverage: 0, missing: [] };
      const p = model.termSet(passage);
      let total = 0;
      let covered = 0;
      const missing: string[] = [];
      const ws = weighed(q, framed);
      for (const [i, t] of q.entries()) {
        const w = ws[i]!;
        total += w;
        // The teller's verb, scored because nothing else is asked, is said by its synonyms and forms only, as a framing word is.
        const h = held(t, p, framed.has(t));
        covered += w * h;
        if (h === 0) missing.push(t);
      }
      return { coverage: total ? covered / total : 0, missing };
    },
  };
}

export type SupportScorer = ReturnType<typeof createSupportScorer>;
