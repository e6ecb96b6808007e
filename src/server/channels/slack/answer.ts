import type { Ready } from '../../env';
import { REQUEST_LIMITS } from '../../../core/answer/limits';
import type { Turn } from '../../../core/answer/types';
import { answerMessage, notice, type AnswerOptions, type SlackMessage } from './blocks';
import type { SlackContext } from './context';

/**
 * Asks the answerer and renders the reply for Slack. Never throws: when answering fails the
 * message is an apology and `ok` is false, so callers can decide not to post it to a channel.
 */
export async function answerFor(
  ctx: SlackContext,
  ready: Ready,
  { question, history, via, ...options }: AnswerOptions & { history?: Turn[]; via: string },
): Promise<{ ok: boolean; message: SlackMessage }> {
  const started = ctx.now();
  // The answerer accepts questions up to the /api/ask limit; Slack messages can be longer.
  const asked = question.slice(0, REQUEST_LIMITS.questionChars);
  try {
    const response = await ready.answerer.ask({ question: asked, history: history?.length ? history : undefined });
    ctx.logger.info('slack answered', {
      via,
      answerable: response.answerable,
      citations: response.citations.length,
      historyTurns: history?.length ?? 0,
      ms: ctx.now() - started,
      ...(ctx.config.LOG_QUESTIONS ? { question: asked } : {}),
    });
    return { ok: true, message: answerMessage(response, { question: asked, ...options }) };
  } catch (err) {
    ctx.logger.error('slack answer failed', { via, error: String(err), stack: (err as Error)?.stack });
    return { ok: false, message: notice('Sorry, I could not answer that just now. Please try again in a minute.') };
  }
}
