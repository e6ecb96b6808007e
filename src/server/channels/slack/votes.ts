import type { FeedbackRecord } from '../../feedback/record';
import { notice, withThanks } from './blocks';
import type { SlackContext } from './context';
import { decodeFeedbackValue, feedbackRecord, type FeedbackValue } from './feedback';

/** What a vote's click payload tells: who, on which message, with which button value, when. */
export interface VoteClick {
  user: string;
  conversation?: string;
  message?: string;
  /** The click's `action_ts` (seconds since the epoch, as Slack writes it). */
  actionTs?: string;
  actionId: string;
  value?: string;
  responseUrl?: string;
  /** The clicked message as Slack sent it back, when it did. */
  original?: { text?: string; blocks?: unknown[] };
}

/**
 * A click on the older Helpful / Not helpful pair (mentions, the slash command, posted answers):
 * recorded, then the buttons are swapped for a thank-you in place, so the message takes one vote.
 */
export async function recordButtonVote(ctx: SlackContext, click: VoteClick, vote: FeedbackRecord['vote']): Promise<void> {
  const value = ours(ctx, click);
  if (!value) return;
  if (!(await store(ctx, click, value, vote))) {
    if (click.responseUrl) await ctx.api.respond(click.responseUrl, { response_type: 'ephemeral', replace_original: false, ...notice('Sorry, your feedback could not be saved. Please try again later.') });
    return;
  }
  if (!click.responseUrl) return;
  // With the original blocks, swap the buttons for a thank-you in place (one vote per message);
  // Slack leaves them out for some messages, and then a private thank-you has to do.
  const thanks = click.original?.blocks
    ? { replace_original: true, text: click.original.text ?? 'Thanks for the feedback.', blocks: withThanks(click.original.blocks, vote) }
    : { response_type: 'ephemeral', replace_original: false, ...notice('Thanks for the feedback.') };
  await ctx.api.respond(click.responseUrl, thanks);
}

/**
 * A click on Slack's native feedback buttons under a streamed answer. Slack shows the choice
 * itself and sends every toggle, so each click is recorded with its vote and the time Slack gives
 * it, and nothing is sent back; the vote that counts is a user's latest on a message (see
 * docs/slack.md, "Feedback"). The stores only append: keeping just the latest would take a read
 * and a rewrite on every click, racing across instances.
 */
export async function recordNativeVote(ctx: SlackContext, click: VoteClick): Promise<void> {
  const value = ours(ctx, click);
  if (value?.vote) await store(ctx, click, value, value.vote);
  else if (value) ctx.logger.warn('slack feedback ignored: the button value names no vote', { actionId: click.actionId });
}

/** The button's value, or undefined (logged) for one we did not write: the click is then ignored, not guessed at. */
function ours(ctx: SlackContext, click: VoteClick): FeedbackValue | undefined {
  const value = decodeFeedbackValue(click.value);
  if (!value) ctx.logger.warn('slack feedback ignored: the button value is not ours', { actionId: click.actionId });
  return value;
}

/** Appends the vote to the feedback store; false (logged) when the store failed. */
async function store(ctx: SlackContext, click: VoteClick, value: FeedbackValue, vote: FeedbackRecord['vote']): Promise<boolean> {
  const context: Record<string, string> = {};
  if (click.conversation) context.conversation = click.conversation;
  if (click.message) context.message = click.message;
  const record = feedbackRecord(value, vote, { user: click.user, time: clickTime(ctx, click.actionTs), context });
  try {
    await ctx.feedback.append(record);
    return true;
  } catch (err) {
    ctx.logger.error('slack feedback could not be recorded', { error: String(err) });
    return false;
  }
}

/** When the click happened, by Slack's clock: toggles handled out of order on several instances still sort right. */
function clickTime(ctx: SlackContext, actionTs: string | undefined): Date {
  const seconds = Number(actionTs);
  return new Date(actionTs && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : ctx.now());
}
