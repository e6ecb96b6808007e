import { REQUEST_LIMITS } from '../../../core/answer/limits';
import type { Turn } from '../../../core/answer/types';
import type { Logger } from '../../../core/log';
import { fromSlackText } from './mrkdwn';
import type { SlackApi } from './slack-api';

// One page; a thread longer than this loses its oldest turns, which follow-ups rarely reach back to.
const PAGE = 200;

export interface ThreadMessage {
  ts?: string;
  text?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
}

/**
 * The conversation so far in a thread, as the answerer's `history`: messages from bots (this one
 * included) are the assistant's turns, everyone else's the user's, mentions stripped. Only
 * messages before `before` count, so the question being answered is not its own history.
 */
export async function threadHistory(api: SlackApi, logger: Logger, { channel, threadTs, before }: { channel: string; threadTs: string; before: string }): Promise<Turn[]> {
  const result = await api.call('conversations.replies', { channel, ts: threadTs, latest: before, inclusive: false, limit: PAGE });
  if (!result) {
    // Already logged; answering without the earlier turns beats not answering.
    logger.warn('slack thread history unavailable; answering without it', { channel, threadTs });
    return [];
  }
  const messages = Array.isArray(result.messages) ? (result.messages as ThreadMessage[]) : [];
  return toTurns(messages.filter((m) => m.ts !== before));
}

/** Thread messages as turns the answerer accepts (REQUEST_LIMITS, as the `/api/ask` schema): the latest ones, each cut to length. */
export function toTurns(messages: ThreadMessage[]): Turn[] {
  const turns: Turn[] = [];
  for (const m of messages) {
    const content = fromSlackText(m.text ?? '').slice(0, REQUEST_LIMITS.turnChars);
    if (!content) continue;
    const isBot = Boolean(m.bot_id) || m.subtype === 'bot_message';
    turns.push({ role: isBot ? 'assistant' : 'user', content });
  }
  return turns.slice(-REQUEST_LIMITS.historyTurns);
}
