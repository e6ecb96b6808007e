import type { ContextActionsBlock } from '@slack/types';
import type { AskResponse, Citation } from '../../../core/answer/types';
import { ACTION, citationLine, context, followUpsBlock, LIMITS, type Block } from './blocks';
import { encodeFeedbackValue, type FeedbackResponse } from './feedback';
import { escapeMrkdwn } from './mrkdwn';
import { splitText } from './split-text';

/**
 * What goes under a streamed answer, in Slack's `chat.stopStream`: a warning when something
 * degraded, a context block per cited source (its reference, the link to its page when PUBLIC_URL
 * is set, and its whole quote), the questions to try next, and Slack's feedback buttons. At most
 * 50 blocks: past that, the last sources are counted rather than shown.
 */
export function streamedAnswerBlocks(response: AskResponse, { question }: { question: string }): Block[] {
  const head: Block[] = response.notice ? [context([`:warning: ${escapeMrkdwn(response.notice)}`])] : [];
  const tail: Block[] = [...(response.followUps.length ? [followUpsBlock(response.followUps, response.answerable)] : []), feedbackButtonsBlock(response, question)];
  const room = LIMITS.blocks - head.length - tail.length;
  const shown = response.citations.length > room ? response.citations.slice(0, room - 1) : response.citations;
  const sources = shown.map(sourceBlock);
  if (shown.length < response.citations.length) sources.push(context([`…and ${response.citations.length - shown.length} more sources.`]));
  return [...head, ...sources, ...tail];
}

/** One cited source: `[n]` (linked), its reference and its verbatim quote, over several elements when the quote is long. */
function sourceBlock(citation: Citation): Block {
  return context(splitText(citationLine(citation), LIMITS.sectionText).slice(0, LIMITS.contextElements));
}

/**
 * Slack's native thumbs up and down. Both halves come back under one action id, each with its own
 * value: the vote, and what it is a vote on (as the older buttons carry it), so recording it needs
 * no store of what was answered.
 */
export function feedbackButtonsBlock(response: FeedbackResponse, question: string): ContextActionsBlock {
  return {
    type: 'context_actions',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: ACTION.feedback,
        positive_button: { text: { type: 'plain_text', text: 'Helpful' }, accessibility_label: 'Mark this answer as helpful', value: encodeFeedbackValue({ question, response, vote: 'helpful' }) },
        negative_button: { text: { type: 'plain_text', text: 'Not helpful' }, accessibility_label: 'Mark this answer as not helpful', value: encodeFeedbackValue({ question, response, vote: 'not_helpful' }) },
      },
    ],
  };
}
