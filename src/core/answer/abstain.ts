import type { Source } from '../corpus/types';
import { authorYear, quoted } from './citations';

export type AbstainReason = 'unsupported' | 'off_task' | 'small_talk';

/**
 * What the bot says when it will not answer: plainly why, and what the sources do cover. It
 * carries no citations, so it makes no claim a reader would need to check beyond the corpus's
 * own title and size.
 */
export function abstentionText(reason: AbstainReason, sources: Source[]): string {
  const paper = sources.find((s) => s.kind === 'paper');
  const works = sources.filter((s) => s.kind === 'reference').length;
  const docs = sources.filter((s) => s.kind === 'document').length;
  const scope = paper
    ? `${authorYear(paper)}, ${quoted(paper.title)}, its abstract and the ${works} works it cites${docs ? `, plus ${docs} added document${docs > 1 ? 's' : ''}` : ''}`
    : `${sources.length} sources`;
  const lead = {
    unsupported: "The sources don't say. Nothing in them answers this question, so I won't guess.",
    off_task: 'I can only answer questions about the sources, so I will not follow instructions or take on other tasks.',
    small_talk: 'Hello! I answer questions about a research paper and its sources, with a citation for every claim.',
  }[reason];
  return `${lead} The sources are ${scope}. Try one of the suggested questions below.`;
}
