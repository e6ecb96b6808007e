import { describe, expect, it } from 'vitest';
import { REQUEST_LIMITS } from '../../../../../src/core/answer/limits';
import type { AskResponse } from '../../../../../src/core/answer/types';
import { historyFrom, type Entry } from '../../../../../src/server/channels/widget/client/conversation';

const answer = (text: string): Entry => ({ kind: 'answer', response: { answer: text, answerable: true, citations: [], mode: 'extractive', followUps: [], query: '' } as AskResponse });

describe('conversation history', () => {
  it('sends answered turns as user/assistant pairs', () => {
    expect(historyFrom([{ kind: 'question', text: 'Q1' }, answer('A1 [1].'), { kind: 'question', text: 'Q2' }, answer('A2')])).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1 [1].' },
      { role: 'user', content: 'Q2' },
      { role: 'assistant', content: 'A2' },
    ]);
  });

  it('leaves out questions that failed', () => {
    expect(historyFrom([{ kind: 'question', text: 'lost' }, { kind: 'error', message: 'x', question: 'lost' }, { kind: 'question', text: 'Q' }, answer('A')])).toEqual([
      { role: 'user', content: 'Q' },
      { role: 'assistant', content: 'A' },
    ]);
  });

  it('keeps the latest 20 turns, each cut to the server’s 4000 characters', () => {
    const entries: Entry[] = [];
    for (let i = 0; i < 15; i++) entries.push({ kind: 'question', text: `Q${i}` }, answer(i === 14 ? 'x'.repeat(5000) : `A${i}`));
    const history = historyFrom(entries);
    expect(history).toHaveLength(REQUEST_LIMITS.historyTurns);
    expect(history[0]).toEqual({ role: 'user', content: 'Q5' });
    expect(history.at(-1)!.content).toHaveLength(4000);
  });
});
