import { trailingRunStart } from '../../text/scan';
import { namedEntities, valuesIn } from '../answer-type';
import type { CitationList } from '../citations';
import type { SupportScorer } from '../support';
import type { Passage, Quotable } from './passages';
import { parseMarkers } from './parse-markers';
import { createSentenceStream, type Piece } from './sentence-stream';

/**
 * Share of a claim's weighted content terms that the quote it cites must hold. Tuned on
 * labelled claims (tests/core/answer/llm/fixtures/claims.json); see docs/llm.md.
 */
export const MIN_CLAIM_SUPPORT = 0.45;
/** In a sentence drawing on several passages, each kept one must carry at least this much of it. */
const MIN_SHARE = 0.2;

export interface Backing {
  claim: string;
  passage: Passage;
  quote: Quotable;
  /** The claim's support by the quote: its share of the claim's terms, 0 when the claim states a number or a name the quote does not give. */
  coverage: number;
  /** The share of the claim's terms alone, for a claim that several passages support together. */
  share: number;
  terms: string[];
}

/**
 * Checks one sentence of the model's answer against the passages its markers cite and rewrites
 * it with markers from the answer's citation list (numbered in order of first use, each quoting
 * the passage's best supporting sentence, title or entry). Returns undefined when no cited
 * passage supports it: a sentence without a verified citation never reaches the user.
 */
export function createVerifier({ passages, support, cite, threshold = MIN_CLAIM_SUPPORT }: { passages: Passage[]; support: SupportScorer; cite: CitationList; threshold?: number }) {
  return (sentence: string): string | undefined => {
    const { text, numbers } = parseMarkers(sentence);
    const claim = text.trim();
    // Markers pointing at no passage are the model's invention: they vanish.
    const cited = numbers.flatMap((n) => (passages[n - 1] ? [backing(claim, passages[n - 1]!, support)] : []));
    const kept = backed(cited, support, threshold);
    if (!kept.length) return undefined;
    const markers = [...new Set(kept.map((b) => cite.cite(b.passage.source, b.quote.quote)))].join('');
    return withMarkers(claim, markers);
  };
}

/** How well the passage's best quote supports the claim, and which quote that is. */
export function backing(claim: string, passage: Passage, support: SupportScorer): Backing {
  const byline = new Set(support.questionTerms(passage.byline));
  const terms = support.questionTerms(claim).filter((t) => !byline.has(t));
  let top: Backing | undefined;
  for (const quote of passage.quotes) {
    const share = support.support(terms, quote.evidence).coverage;
    const coverage = holdsSpecifics(claim, `${quote.evidence} ${passage.byline}`, support) ? share : 0;
    // Ties go to the shorter quote: a title over the whole entry, one sentence over a longer one.
    if (!top || coverage > top.coverage || (coverage === top.coverage && quote.quote.length < top.quote.quote.length)) top = { claim, passage, quote, coverage, share, terms };
  }
  return top!;
}

/**
 * Passages that support the claim on their own; failing that, several that support it together
 * ("ISKP is active in Pakistan and uses media warfare [1][2]."), each carrying a real share.
 */
function backed(cited: Backing[], support: SupportScorer, threshold: number): Backing[] {
  const alone = cited.filter((b) => b.coverage >= threshold);
  if (alone.length || cited.length < 2) return alone;
  const together = cited.filter((b) => b.share >= MIN_SHARE);
  if (together.length < 2) return [];
  // Every cited source may be named without support, so only what no byline covers is checked.
  const terms = together[0]!.terms.filter((t) => together.every((b) => b.terms.includes(t)));
  const evidence = together.map((b) => `${b.quote.evidence} ${b.passage.byline}`).join(' ');
  return holdsSpecifics(together[0]!.claim, evidence, support) && support.support(terms, evidence).coverage >= threshold ? together : [];
}

/**
 * Whether the evidence gives every number and every named entity the claim states: "killed 54"
 * or "6,000 fighters" is the model's, not the source's, however well the other words match.
 */
function holdsSpecifics(claim: string, evidence: string, support: SupportScorer): boolean {
  const given = valuesIn(evidence);
  if (valuesIn(claim).some((v) => !given.includes(v))) return false;
  const named = namedEntities(evidence, support.terms);
  return namedEntities(claim, support.terms).every((e) => named.includes(e));
}

/** Markers go where the extractive answers put them: before the sentence's final stop. */
function withMarkers(claim: string, markers: string): string {
  const stop = trailingRunStart(claim, /[.!?]/);
  return stop < claim.length ? `${claim.slice(0, stop).trimEnd()} ${markers}${claim.slice(stop)}` : `${claim} ${markers}`;
}

/**
 * The model's text as it streams, reduced to verified sentences: each is checked the moment it
 * is complete and yielded with the spacing that preceded it, so the pieces concatenate to the answer.
 */
export async function* verifyStream(text: AsyncIterable<string> | Iterable<string>, verify: (sentence: string) => string | undefined): AsyncGenerator<string> {
  const sentences = createSentenceStream();
  let first = true;
  function* check(pieces: Piece[]) {
    for (const piece of pieces) {
      const verified = verify(piece.text);
      if (!verified) continue;
      yield (first ? '' : piece.separator) + verified;
      first = false;
    }
  }
  for await (const delta of text) yield* check(sentences.push(delta));
  yield* check(sentences.end());
}
