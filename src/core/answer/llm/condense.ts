import type { Logger } from '../../log';
import { resolveFollowUp } from '../follow-up';
import { isOffTask } from '../intent';
import type { TermModel } from '../terms';
import type { Turn } from '../types';
import type { ChatClient } from './chat';
import { isTimeout, type Deadline } from './deadline';
import { condenseMessages } from './prompt';

export interface CondenseOptions {
  question: string;
  history: Turn[] | undefined;
  chat: ChatClient;
  deadline: Deadline;
  terms: TermModel;
  logger: Logger;
}

/** The rewrite may use at most this share of the budget, so the answer still has time. */
const BUDGET_SHARE = 1 / 3;
const MAX_CHARS = 300;

/**
 * The follow-up as a standalone question, written by the model from the conversation ("and in
 * Pakistan?" -> "What attacks has ISKP carried out in Pakistan?"). Without earlier questions
 * there is nothing to rewrite; when the model fails, or writes something that is not a
 * question about the sources, the rule-based `resolveFollowUp` stands in.
 */
export async function condenseFollowUp({ question, history, chat, deadline, terms, logger }: CondenseOptions): Promise<string> {
  const fallback = () => resolveFollowUp(question, history, terms);
  if (!history?.some((t) => t.role === 'user' && t.content.trim())) return question;
  const slice = deadline.slice(deadline.remaining() * BUDGET_SHARE);
  try {
    const reply = await chat.complete({ messages: condenseMessages(question, history), maxTokens: 120, signal: slice.signal, timeoutMs: slice.remaining() });
    const rewritten = clean(reply);
    return rewritten && !isOffTask(rewritten) ? rewritten : fallback();
  } catch (err) {
    // The user went away: stop here. Any failure of the model's just costs the better rewrite.
    if (deadline.signal.aborted && !isTimeout(deadline.signal.reason)) throw err;
    logger.warn('follow-up rewrite failed, using the rule-based one', { error: String(err) });
    return fallback();
  } finally {
    slice.dispose();
  }
}

/** First line, without the quotes or label some models wrap it in. */
function clean(reply: string): string | undefined {
  const line = reply.trim().split('\n')[0]!.replace(/^(?:standalone question|question|rewritten)\s*:\s*/i, '').replace(/^["“'](.*)["”']$/, '$1').trim();
  return line.length >= 3 && line.length <= MAX_CHARS ? line : undefined;
}
