import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/log';
import type { FeedbackRecord } from '../../../src/server/feedback/record';
import { createFallbackState } from '../../../src/server/state/fallback-state';
import { createMemoryFeedback, createMemoryState } from '../../../src/server/state/memory-state';
import type { SharedState } from '../../../src/server/state/shared-state';

const vote = (question: string, time: string): FeedbackRecord => ({ time, channel: 'slack', vote: 'not_helpful', user: 'U1', question, answer: 'a', sources: [], answerable: true });
const limit = { capacity: 1, refillPerMs: 1 / 60_000 };

/** A shared store that works until `down` is set, then fails every call as a dead Redis does. */
function flakyStore() {
  const inner = createMemoryState();
  const control = { down: false };
  const guard = <A extends unknown[], T>(run: (...args: A) => Promise<T>) => (...args: A) => (control.down ? Promise.reject(new Error('Connection is closed.')) : run(...args));
  const store: SharedState = {
    claim: guard(inner.claim),
    take: guard(inner.take),
    feedback: { append: guard(inner.feedback.append), read: guard(inner.feedback.read) },
  };
  return { store, control };
}

function setup() {
  const { store, control } = flakyStore();
  const localVotes: FeedbackRecord[] = [];
  const logs: { level: string; msg: string }[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line)) });
  const state = createFallbackState({ shared: store, local: createMemoryState({ feedback: createMemoryFeedback(localVotes) }), logger, name: 'redis' });
  return { state, control, localVotes, logs };
}

describe('shared state that degrades to the instance’s own', () => {
  it('uses the shared store while it answers', async () => {
    const { state, localVotes } = setup();
    expect(await state.claim('k', 60_000)).toBe(true);
    expect(await state.take('c', limit)).toEqual({ allowed: true });
    expect(await state.take('c', limit)).toMatchObject({ allowed: false });
    await state.feedback.append(vote('q', '2026-12-01T00:00:00.000Z'));
    expect(localVotes).toEqual([]);
  });

  it('refuses a repeat it has seen itself without asking the store, so an outage does not let it through', async () => {
    const { state, control } = setup();
    expect(await state.claim('k', 60_000)).toBe(true);
    control.down = true;
    expect(await state.claim('k', 60_000)).toBe(false);
    expect(await state.claim('fresh', 60_000)).toBe(true);
    expect(await state.claim('fresh', 60_000)).toBe(false);
  });

  it('while the store is down: rate limit open, votes to the local log, one warning; then back, with one line', async () => {
    const { state, control, localVotes, logs } = setup();
    await state.feedback.append(vote('before', '2026-12-01T00:00:00.000Z'));
    control.down = true;
    for (let i = 0; i < 5; i++) expect(await state.take('c', limit)).toEqual({ allowed: true });
    await state.feedback.append(vote('during', '2026-12-02T00:00:00.000Z'));
    expect(localVotes.map((r) => r.question)).toEqual(['during']);
    expect((await state.feedback.read()).map((r) => r.question)).toEqual(['during']);
    expect(logs.filter((l) => l.level === 'warn')).toHaveLength(1);
    expect(logs.find((l) => l.level === 'warn')?.msg).toMatch(/redis unavailable/);

    control.down = false;
    expect(await state.take('c', limit)).toEqual({ allowed: true });
    expect(await state.take('c', limit)).toMatchObject({ allowed: false });
    expect((await state.feedback.read()).map((r) => r.question)).toEqual(['before', 'during']);
    expect(logs.filter((l) => /redis is back/.test(l.msg))).toHaveLength(1);
  });
});
