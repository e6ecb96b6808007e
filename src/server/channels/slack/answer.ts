import type { Ready } from '../../env';
import { REQUEST_LIMITS } from '../../../core/answer/limits';
import type { AskResponse, Turn } from '../../../core/answer/types';
import type { Source } from '../../../core/corpus/types';
import { answerMessage, askedByBlock, feedbackActions, notice, type AnswerOptions, type SlackMessage } from './blocks';
import { briefingMessages } from './brief-blocks';
import type { SlackContext } from './context';
import { withAbsoluteLinks } from '../../http/public-origin';

/**
 * Asks the answerer and renders the reply for Slack: one message, or several for a briefing too
 * long for one. Never throws: when answering fails the reply is an apology and `ok` is false, so
 * callers can decide not to post it to a channel.
 */
export async function answerFor(
  ctx: SlackContext,
  ready: Ready,
  { question, history, via, ...options }: AnswerOptions & { history?: Turn[]; via: string },
): Promise<{ ok: boolean; messages: SlackMessage[] }> {
  const started = ctx.now();
  // The answerer accepts questions up to the /api/ask limit; Slack messages can be longer.
  const asked = question.slice(0, REQUEST_LIMITS.questionChars);
  try {
    const answer = await ready.answerer.ask({ question: asked, history: history?.length ? history : undefined });
    const response = linked(ctx, answer);
    logAnswered(ctx, { via, response, question: asked, historyTurns: history?.length ?? 0, started });
    return { ok: true, messages: renderAnswer(response, { question: asked, ...options }, ready.index.sources) };
  } catch (err) {
    ctx.logger.error('slack answer failed', { via, error: String(err), stack: (err as Error)?.stack });
    return { ok: false, messages: [notice('Sorry, I could not answer that just now. Please try again in a minute.')] };
  }
}

/** The response with its citations linked to their pages on PUBLIC_URL, when it is set. */
export const linked = (ctx: SlackContext, response: AskResponse): AskResponse => (ctx.linkOrigin ? withAbsoluteLinks(response, ctx.linkOrigin) : response);

/** The one log line per Slack answer, whichever way it went out. */
export function logAnswered(ctx: SlackContext, { via, response, question, historyTurns, started, ...extra }: { via: string; response: AskResponse; question: string; historyTurns: number; started: number } & Record<string, unknown>): void {
  ctx.logger.info('slack answered', {
    via,
    answerable: response.answerable,
    citations: response.citations.length,
    briefing: Boolean(response.briefing),
    historyTurns,
    ms: ctx.now() - started,
    ...extra,
    ...(ctx.config.LOG_QUESTIONS ? { question } : {}),
  });
}

/** A question that asked for a briefing gets the briefing's blocks; a declined one reads as any declined answer. */
export function renderAnswer(response: AskResponse, options: AnswerOptions, sources: readonly Source[]): SlackMessage[] {
  if (!response.briefing?.answerable) return [answerMessage(response, options)];
  return briefingMessages(response.briefing, { sources, before: askedByBlock(options), after: feedbackActions(response, options) });
}
