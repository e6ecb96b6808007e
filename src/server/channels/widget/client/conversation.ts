import type { AskResponse, Turn } from '../../../../core/answer/types';

/** What the log shows, in order; also what sessionStorage keeps. */
export type Entry =
  | { kind: 'question'; text: string }
  | { kind: 'answer'; response: AskResponse }
  | { kind: 'error'; message: string; question: string };

/** The server's request limits (src/server/channels/api/schemas.ts). */
export const LIMITS = { historyTurns: 20, turnChars: 4000, questionChars: 2000 } as const;

/**
 * Prior turns for the next request: answered questions only (a failed one has nothing to
 * follow up on), the most recent first to go, each cut to the server's size limits.
 */
export function historyFrom(entries: readonly Entry[]): Turn[] {
  const turns: Turn[] = [];
  entries.forEach((entry, i) => {
    const next = entries[i + 1];
    if (entry.kind === 'question' && next?.kind === 'answer') {
      turns.push({ role: 'user', content: clip(entry.text, LIMITS.turnChars) });
      turns.push({ role: 'assistant', content: clip(next.response.answer, LIMITS.turnChars) });
    }
  });
  return turns.slice(-LIMITS.historyTurns);
}

export const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);
