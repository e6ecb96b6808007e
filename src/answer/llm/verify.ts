import type { CitationList } from '../citations';
import type { SupportScorer } from '../support';
import type { Passage, Quotable } from './passages';
import { parseMarkers } from './parse-markers';

/**
 * Share of a claim's weighted content terms its cited evidence must hold. Tuned on labelled
 * claims (tests/answer/llm/fixtures/claims.json): see docs/llm.md.
 */
export const MIN_CLAIM_SUPPORT = 0.5;
/** In a sentence drawing on several passages, each kept one must carry at least this much of it. */
const MIN_SHARE = 0.2;

interface Backing {
  passage: Passage;
  quote: Quotable;
  coverage: number;
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
    const focus = support.focusTerms(claim);
    if (!focus.length) return undefined;
    // Markers pointing at no passage are the model's invention: they vanish.
    const cited = numbers.flatMap((n) => (passages[n - 1] ? [best(passages[n - 1]!, focus, support)] : []));
    const kept = backed(cited, focus, support, threshold);
    if (!kept.length) return undefined;
    const markers = [...new Set(kept.map((b) => cite.cite(b.passage.source, b.quote.quote)))].join('');
    return withMarkers(claim, markers);
  };
}

function best(passage: Passage, focus: string[], support: SupportScorer): Backing {
  let top: Backing | undefined;
  for (const quote of passage.quotes) {
    const { coverage } = support.support(focus, quote.evidence);
    // Ties go to the shorter quote: a title over the whole entry, one sentence over a longer one.
    if (!top || coverage > top.coverage || (coverage === top.coverage && quote.quote.length < top.quote.quote.length)) top = { passage, quote, coverage };
  }
  return top!;
}

/**
 * Passages that support the claim on their own; failing that, several that support it together
 * ("ISKP is active in Pakistan [1] and uses media warfare [2]."), each carrying a real share.
 */
function backed(cited: Backing[], focus: string[], support: SupportScorer, threshold: number): Backing[] {
  const alone = cited.filter((b) => b.coverage >= threshold);
  if (alone.length || cited.length < 2) return alone;
  const together = cited.filter((b) => b.coverage >= MIN_SHARE);
  const joint = support.support(focus, together.map((b) => b.quote.evidence).join(' ')).coverage;
  return together.length >= 2 && joint >= threshold ? together : [];
}

/** Markers go where the extractive answers put them: before the sentence's final stop. */
function withMarkers(claim: string, markers: string): string {
  const stop = /[.!?]+$/.exec(claim);
  return stop ? `${claim.slice(0, stop.index).trimEnd()} ${markers}${stop[0]}` : `${claim} ${markers}`;
}
