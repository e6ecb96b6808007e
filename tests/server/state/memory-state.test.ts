import { describe, expect, it } from 'vitest';
import { createMemoryFeedback, createMemoryState } from '../../../src/server/state/memory-state';
import type { FeedbackRecord } from '../../../src/server/feedback/record';

const vote = (question: string, time = '2026-12-01T00:00:00.000Z'): FeedbackRecord => ({ time, channel: 'slack', vote: 'helpful', user: 'U1', question, answer: 'a', sources: [], answerable: true });

describe('in-process shared state (one Node process)', () => {
  it('claims a key once, until its TTL has passed', async () => {
    let now = 0;
    const state = createMemoryState({ now: () => now });
    expect(await state.claim('Ev1', 1000)).toBe(true);
    expect(await state.claim('Ev1', 1000)).toBe(false);
    now = 999;
    expect(await state.claim('Ev1', 1000)).toBe(false);
    now = 1000;
    expect(await state.claim('Ev1', 1000)).toBe(true);
  });

  it('remembers a bounded number of claims, forgetting the oldest first', async () => {
    const state = createMemoryState({ maxClaims: 3, now: () => 0 });
    for (const k of ['a', 'b', 'c', 'd']) expect(await state.claim(k, 60_000)).toBe(true);
    expect(await state.claim('d', 60_000)).toBe(false);
    expect(await state.claim('c', 60_000)).toBe(false);
    expect(await state.claim('a', 60_000)).toBe(true); // forgotten to make room
  });

  it('forgets by age of claim: a repeat does not make its key the newest', async () => {
    const state = createMemoryState({ maxClaims: 3, now: () => 0 });
    for (const k of ['a', 'b']) await state.claim(k, 60_000);
    expect(await state.claim('a', 60_000)).toBe(false);
    for (const k of ['c', 'd']) expect(await state.claim(k, 60_000)).toBe(true); // d: a, the oldest claim, makes room
    expect(await state.claim('a', 60_000)).toBe(true);
  });

  it('keeps one bucket per client, refilled by the clock it is given', async () => {
    let now = 0;
    const state = createMemoryState({ now: () => now });
    const limit = { capacity: 2, refillPerMs: 2 / 60_000 };
    expect(await state.take('a', limit)).toEqual({ allowed: true });
    expect(await state.take('a', limit)).toEqual({ allowed: true });
    expect(await state.take('a', limit)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    expect(await state.take('b', limit)).toEqual({ allowed: true });
    now = 30_000;
    expect(await state.take('a', limit)).toEqual({ allowed: true });
  });

  it('keeps votes in memory by default, or in the store it is given, and reads them back', async () => {
    const state = createMemoryState();
    await state.feedback.append(vote('one'));
    expect((await state.feedback.read()).map((r) => r.question)).toEqual(['one']);
    const kept: FeedbackRecord[] = [];
    await createMemoryState({ feedback: createMemoryFeedback(kept) }).feedback.append(vote('two'));
    expect(kept.map((r) => r.question)).toEqual(['two']);
  });
});
