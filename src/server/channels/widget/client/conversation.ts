import { REQUEST_LIMITS } from '../../../../core/answer/limits';
import type { AskResponse, Turn } from '../../../../core/answer/types';

/** What the log shows, in order; also what sessionStorage keeps. */
export type Entry =
  | { kind: 'question'; text: string }
  | { kind: 'answer'; response: AskResponse }
  | { kind: 'error'; message: string; question: string };

/**
 * Prior turns for the next request: answered questions only (a failed one has nothing to
 * follow up on), the most recent first to go, each cut to the server's size limits.
 */
export function historyFrom(entries: readonly Entry[]): Turn[] {
  const turns: Turn[] = [];
  entries.forEach((entry, i) => {
    const next = entries[i + 1];
    if (entry.kind === 'question' && next?.kind === 'answer') {
      turns.push({ role: 'user', content: keepFirst(entry.text, REQUEST_LIMITS.turnChars) });
      turns.push({ role: 'assistant', content: keepFirst(next.response.answer, REQUEST_LIMITS.turnChars) });
    }
  });
  return turns.slice(-REQUEST_LIMITS.historyTurns);
}

/** The first `max` characters of `text`: a plain cut, no ellipsis (what is sent, not what is shown). */
export const keepFirst = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);
