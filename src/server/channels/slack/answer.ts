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
    const response = ctx.linkOrigin ? withAbsoluteLinks(answer, ctx.linkOrigin) : answer;
    ctx.logger.info('slack answered', {
      via,
      answerable: response.answerable,
      citations: response.citations.length,
      briefing: Boolean(response.briefing),
      historyTurns: history?.length ?? 0,
      ms: ctx.now() - started,
      ...(ctx.config.LOG_QUESTIONS ? { question: asked } : {}),
    });
    return { ok: true, messages: render(response, { question: asked, ...options }, ready.index.sources) };
  } catch (err) {
    ctx.logger.error('slack answer failed', { via, error: String(err), stack: (err as Error)?.stack });
    return { ok: false, messages: [notice('Sorry, I could not answer that just now. Please try again in a minute.')] };
  }
}

/** A question that asked for a briefing gets the briefing's blocks; a declined one reads as any declined answer. */
function render(response: AskResponse, options: AnswerOptions, sources: readonly Source[]): SlackMessage[] {
  if (!response.briefing?.answerable) return [answerMessage(response, options)];
  return briefingMessages(response.briefing, { sources, before: askedByBlock(options), after: feedbackActions(response, options) });
}
