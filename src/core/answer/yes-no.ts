import { SAME_MEANING, type SupportScorer } from './support';

/**
 * Yes/no questions ("Was ISIS defeated in 2019?", "So, does ISKP still threaten Central Asia?"):
 * recognised by the auxiliary they open with, and settled by the sentence quoted to answer them
 * when that sentence asserts the question's claim, or negates it.
 */
export type Verdict = 'yes' | 'no';

/**
 * An auxiliary verb at the head of the question, with its negation ("isn't"): after an optional
 * "So,", "And" or "But", or a leading phrase set off by a comma ("Since its defeat, does ISIS…")
 * that is not itself a wh-question ("Which sources, if any, …").
 */
const HEAD =
  /^\s*(?:(?:so|and|but|also|then|well|ok|okay)\b[\s,]*|(?!(?:who|whom|whose|what|when|where|which|why|how)\b)[^,?\s][^,?]{0,59},\s*)?(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)(?:n[’']t)?\b/i;
/** "Can you explain…", "Would you list…": a request to the bot, not a question to settle. */
const ADDRESSED = /^\s*(?:you|u)\b/i;
/** "Can you tell me whether…", "Do you know if…": a request that carries a yes/no question. */
const EMBEDDED = /\b(?:if|whether)\b/i;

/** Whether a question asks yes or no ("Was ISIS defeated in 2019?") rather than what, who or how. */
export const isYesNoQuestion = (question: string): boolean => claimOf(question) !== undefined;

/**
 * What a yes/no question asserts: the text after its auxiliary, whose own negation ("isn't") only
 * asks, or after the "whether" of a request that carries the question; undefined for any other question.
 */
export function claimOf(question: string): string | undefined {
  const head = HEAD.exec(question);
  if (!head) return undefined;
  const rest = question.slice(head[0].length);
  if (!ADDRESSED.test(rest)) return rest;
  const embedded = EMBEDDED.exec(rest);
  return embedded ? rest.slice(embedded.index + embedded[0].length) : undefined;
}

/** Words that negate what follows them in their clause ("not recognized", "no longer", "never"). */
const NEGATION = /\b(?:not|no|never|neither|nor|cannot|without)\b|n[’']t\b/i;
/** Negations that stand after what they negate ("functioning anymore"): they negate their whole clause. */
const TRAILING_NEGATION = /\bany\s?(?:more|longer)\b/i;
/** Every negation word, for taking them out of a claim's terms: "no longer a state" claims "state". */
const NEGATION_WORDS = /\b(?:not|no|never|neither|nor|cannot|without|longer|anymore|more)\b|n[’']t\b/gi;
/** Where one clause of a sentence ends and the next begins: punctuation or a contrasting conjunction. */
const CLAUSE_BREAK = /[,;:()]|\b(?:but|although|though|while|whereas|yet|however)\b/gi;

/** The parts of a text a negation reaches: from the negation to the end of its clause, or the whole clause for a trailing one. */
export function negatedParts(text: string): string[] {
  const parts: string[] = [];
  for (const clause of text.split(CLAUSE_BREAK)) {
    if (!clause) continue;
    const lead = NEGATION.exec(clause);
    if (lead) parts.push(clause.slice(lead.index));
    else if (TRAILING_NEGATION.test(clause)) parts.push(clause);
  }
  return parts;
}

/** The terms a text negates: each negated part's terms, read once, so the time grows with the text alone. */
function negatedTerms(text: string, support: SupportScorer): Set<string> {
  return new Set(negatedParts(text).flatMap((part) => support.focusTerms(part)));
}

const NO_TERMS: ReadonlySet<string> = new Set();

/**
 * Yes when one of the sentences states the whole claim as the question puts it, no when one
 * negates a term of the claim the question does not negate (or the reverse), nothing when
 * neither, or both, hold: the answer then reads as it would without a verdict. `aside`: terms
 * that name who says it rather than what is said (a work's makers, for its title).
 */
export function contentVerdict(question: string, sentences: string[], support: SupportScorer, aside: ReadonlySet<string> = NO_TERMS): Verdict | undefined {
  const claim = claimOf(question);
  if (claim === undefined || !sentences.length) return undefined;
  // "Has the author made any recommendations?" claims recommendations: the verb whose subject is
  // the paper or its author frames the claim, as it frames the question.
  const { framed } = support.weigh(question);
  const said = sentences.map((sentence) => support.terms.termSet(sentence));
  // A word that frames other questions ("recognized", "known") is what this claim asserts when a
  // quoted sentence uses it: "Was ISIS ever recognized as a state?" claims recognition.
  const claimed = (t: string) => support.isTopic(t) || said.some((s) => s.has(t));
  const terms = support.questionTerms(claim.replace(NEGATION_WORDS, ' ')).filter((t) => claimed(t) && !framed.has(t) && !aside.has(t));
  if (!terms.length) return undefined;
  const asked = negatedTerms(claim, support);
  const exclusive = EXCLUSIVE.test(claim);
  // A yes needs the claim's words or their synonyms: a broader or narrower word states less.
  const present = said.map((words) => terms.filter((t) => support.holds(t, words) >= SAME_MEANING));
  // Only the sentences that hold most of the claim (by weight: its rare words count most) may deny
  // it: a negation in a sentence about something else ("not recognized on an international level",
  // quoted beside the sentence on recommendations) says nothing of the claim.
  const weights = present.map((held) => support.weight(held));
  const most = Math.max(...weights);
  const verdicts = new Set<Verdict | 'unsettled'>();
  for (const [i, sentence] of sentences.entries()) {
    const held = present[i]!;
    if (weights[i]! < most) continue;
    // "Acknowledge" is negated by "not recognized": a term counts as negated when its word, or the word that holds it, is.
    const negated = negatedTerms(sentence, support);
    if (held.some((t) => asked.has(t) !== support.holds(t, negated) > 0)) verdicts.add('no');
    else if (held.length === terms.length) verdicts.add(exclusive ? (namesOthers(sentence, terms, support) ? 'no' : 'unsettled') : 'yes');
  }
  // An exclusive claim that a sentence states without naming another is unsettled: no yes, and no other verdict stands beside it.
  const [only] = verdicts;
  return verdicts.size === 1 && only !== 'unsettled' ? only : undefined;
}

/** "Is ISKP only active in Afghanistan?": a claim that nothing else holds, which a sentence naming no other can neither confirm nor deny. */
const EXCLUSIVE = /\b(?:only|solely|exclusively|just)\b/i;

/** Whether a sentence names something of the same kind as a name the claim gives, besides it ("Central Asia and Pakistan" beside "Afghanistan"). */
function namesOthers(sentence: string, terms: readonly string[], support: SupportScorer): boolean {
  const kinds = new Set<string>(terms.flatMap((t) => support.terms.entry(t)?.kind ?? []));
  return support.terms.entities(sentence).some((e) => !terms.includes(e) && kinds.has(support.terms.entry(e)?.kind ?? ''));
}

/** "Yes. …" or "No. …" before an answer; the answer as it is without a verdict. */
export const withVerdict = (verdict: Verdict | undefined, answer: string) => (verdict ? `${verdict === 'yes' ? 'Yes' : 'No'}. ${answer}` : answer);
