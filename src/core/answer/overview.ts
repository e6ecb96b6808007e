import type { Source } from '../corpus/types';
import type { Hit } from '../search/retrieve';
import type { CitationList } from './citations';
import type { AnswerContext } from './context';
import { composeAnswer } from './extractive';
import { claimOf } from './yes-no';

const OVERVIEW =
  /\bwhat(?:'s| is| was)? (?:this|the) (?:paper|article|study|report|presentation) about\b|\b(?:summar(?:y|i[sz]e)|overview|gist|tl;?dr|abstract)\b(?! of)|\b(?:main|key|central) (?:points?|arguments?|findings?|claims?|ideas?|messages?|takeaways?)\b|\bwhat does (?:the|this) (?:paper|article|study|author) (?:argue|claim|conclude|find|show)\b/i;
/** Every overview word of a question, to see what else it asks. */
const OVERVIEW_WORDS = new RegExp(OVERVIEW.source, 'gi');
const SENTENCES = 3;

/**
 * "What does the abstract say?" asks for an overview; "Does the abstract say ISIS is a state?"
 * asks whether it states a claim: a yes/no question with terms besides the overview's words.
 * `focusTerms`: the question's content terms (`SupportScorer.focusTerms`).
 */
export const asksForOverview = (question: string, focusTerms: (text: string) => readonly string[]) =>
  OVERVIEW.test(question) && !focusTerms((claimOf(question) ?? '').replace(OVERVIEW_WORDS, ' ')).length;

/**
 * "What is the paper about?": the abstract sentences that share most with the paper's own title,
 * in the author's order. The title is the author's summary of the paper, so the sentences closest
 * to it carry its thesis; this picks them without any hand-written summary.
 */
export function answerOverview(ctx: AnswerContext, cite: CitationList): string | undefined {
  const paper = ctx.index.sources.find((s) => s.kind === 'paper');
  if (!paper) return undefined;
  const focus = ctx.support.focusTerms(paper.title);
  const prose: Hit[] = ctx.index.chunks.flatMap((chunk, i) => {
    const source: Source = ctx.index.chunkSources[i]!;
    return source.kind === 'abstract' ? [{ chunk, source, score: 0, dense: 0, bm25: 0 }] : [];
  });
  const ranked = prose
    .map((hit) => ({ hit, coverage: ctx.support.support(focus, ctx.evidence(hit)).coverage }))
    .sort((a, b) => b.coverage - a.coverage)
    .slice(0, SENTENCES)
    .filter((x) => x.coverage > 0);
  if (!ranked.length) return undefined;
  return composeAnswer(ranked.map((x) => x.hit), ctx, cite);
}
