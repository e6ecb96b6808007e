import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/log';
import type { D1Binding } from '../../../src/runtime/worker/d1-feedback';
import { createWorkerState, type ClaimsNamespace } from '../../../src/runtime/worker/shared-state';
import type { FeedbackRecord } from '../../../src/server/feedback/record';

const limit = { capacity: 30, refillPerMs: 30 / 60_000 };

describe('Worker shared state: the RATE_LIMITER binding', () => {
  it('takes tokens from the binding, keyed by client, and says when to come back', async () => {
    const seen: string[] = [];
    const state = createWorkerState({ RATE_LIMITER: { limit: async ({ key }) => (seen.push(key), { success: key !== 'busy' }) } }, createLogger({ level: 'silent' }));
    expect(await state.take('203.0.113.7', limit)).toEqual({ allowed: true });
    expect(await state.take('busy', limit)).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(seen).toEqual(['203.0.113.7', 'busy']);
  });

  it('lets requests through, with one warning, when the binding itself errors', async () => {
    const lines: string[] = [];
    const state = createWorkerState({ RATE_LIMITER: { limit: async () => Promise.reject(new Error('unavailable')) } }, createLogger({ write: (l) => lines.push(l) }));
    for (let i = 0; i < 3; i++) expect(await state.take('k', limit)).toEqual({ allowed: true });
    expect(lines.filter((l) => l.includes('"level":"warn"'))).toHaveLength(1);
  });

  it('without a binding, limits in the isolate', async () => {
    const state = createWorkerState({}, createLogger({ level: 'silent' }));
    const tight = { capacity: 1, refillPerMs: 1 / 60_000 };
    expect(await state.take('k', tight)).toEqual({ allowed: true });
    expect(await state.take('k', tight)).toMatchObject({ allowed: false });
  });
});

const TTL = 15 * 60_000;
const vote: FeedbackRecord = { time: '2026-05-01T10:00:00.000Z', channel: 'slack', vote: 'helpful', user: 'U7', question: 'Who wrote the paper?', answer: 'Tassev [1].', sources: ['tassev-2024'], answerable: true, mode: 'extractive' };

/** A CLAIMS namespace whose objects, one per name, claim each key once; `calls` records which object was asked what. */
function fakeClaims(claim?: (key: string) => Promise<boolean>): ClaimsNamespace & { calls: { id: unknown; key: string; ttlMs: number }[] } {
  const claimed = new Set<string>();
  const calls: { id: unknown; key: string; ttlMs: number }[] = [];
  return {
    calls,
    idFromName: (name) => ({ name }),
    get: (id) => ({
      async claim(key, ttlMs) {
        calls.push({ id, key, ttlMs });
        if (claim) return claim(key);
        if (claimed.has(key)) return false;
        claimed.add(key);
        return true;
      },
    }),
  };
}

/** A D1 binding whose every statement fails, as when the table was never made. */
const brokenD1: D1Binding = {
  prepare() {
    throw new Error('D1_ERROR: no such table: feedback');
  },
};

const recordingLogger = () => {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger({ write: (l) => lines.push(JSON.parse(l)) }) };
};

describe('Worker shared state: Slack claims in the CLAIMS Durable Object', () => {
  it('asks the object named after each key, so a repeat is refused in any isolate', async () => {
    const CLAIMS = fakeClaims();
    const silent = createLogger({ level: 'silent' });
    const [one, other] = [createWorkerState({ CLAIMS }, silent), createWorkerState({ CLAIMS }, silent)];
    expect(await one.claim('event:Ev1', TTL)).toBe(true);
    expect(await other.claim('event:Ev1', TTL)).toBe(false);
    expect(CLAIMS.calls).toEqual([
      { id: { name: 'event:Ev1' }, key: 'event:Ev1', ttlMs: TTL },
      { id: { name: 'event:Ev1' }, key: 'event:Ev1', ttlMs: TTL },
    ]);
  });

  it('claims in the isolate, with one warning, when the object fails', async () => {
    const { lines, logger } = recordingLogger();
    const state = createWorkerState({ CLAIMS: fakeClaims(() => Promise.reject(new Error('Durable Object reset'))) }, logger);
    expect(await state.claim('message:D1:1.1', TTL)).toBe(true);
    expect(await state.claim('message:D1:1.1', TTL)).toBe(false);
    expect(await state.claim('message:D1:1.2', TTL)).toBe(true);
    expect(lines.filter((l) => l.level === 'warn')).toEqual([expect.objectContaining({ store: 'CLAIMS (Durable Object)', operation: 'claim' })]);
  });

  it('without a binding, claims each key once in the isolate', async () => {
    const state = createWorkerState({}, createLogger({ level: 'silent' }));
    expect(await state.claim('event:Ev1', TTL)).toBe(true);
    expect(await state.claim('event:Ev1', TTL)).toBe(false);
  });
});

describe('Worker shared state: votes in the FEEDBACK_DB D1 table', () => {
  it('writes a vote as a row and reads it back', async () => {
    const inserted: unknown[][] = [];
    const FEEDBACK_DB: D1Binding = {
      prepare: (query) => {
        const statement = {
          bind: (...values: unknown[]) => (inserted.push(values), statement),
          run: async () => ({}),
          all: async <T>() => ({ results: [{ ...vote, mode: 'extractive', answerable: 1, sources: '["tassev-2024"]', context: null }] as T[] }),
        };
        expect(query).toMatch(/^(INSERT INTO|SELECT .* FROM) feedback/);
        return statement;
      },
    };
    const state = createWorkerState({ FEEDBACK_DB }, createLogger({ level: 'silent' }));
    await state.feedback.append(vote);
    expect(inserted).toHaveLength(1);
    expect(await state.feedback.read()).toEqual([vote]);
  });

  it('logs a vote it cannot store, with one warning, and never throws', async () => {
    const { lines, logger } = recordingLogger();
    const state = createWorkerState({ FEEDBACK_DB: brokenD1 }, logger);
    await expect(state.feedback.append(vote)).resolves.toBeUndefined();
    await expect(state.feedback.append({ ...vote, vote: 'not_helpful' })).resolves.toBeUndefined();
    expect(lines.filter((l) => l.msg === 'feedback').map((l) => l.feedback)).toEqual([vote, { ...vote, vote: 'not_helpful' }]);
    expect(lines.filter((l) => l.level === 'warn')).toEqual([expect.objectContaining({ store: 'FEEDBACK_DB (D1)', operation: 'feedback' })]);
    expect(await state.feedback.read()).toEqual([]);
  });

  it('a failing D1 leaves the claims on the Durable Object, and is not logged again each time they succeed', async () => {
    const { lines, logger } = recordingLogger();
    const CLAIMS = fakeClaims();
    const state = createWorkerState({ CLAIMS, FEEDBACK_DB: brokenD1 }, logger);
    for (const n of [1, 2, 3]) {
      expect(await state.claim(`event:Ev${n}`, TTL)).toBe(true);
      await state.feedback.append(vote);
    }
    expect(CLAIMS.calls).toHaveLength(3);
    // One warning for D1, and no "back" / "unavailable" lines each time a claim succeeds in between.
    expect(lines.filter((l) => l.msg !== 'feedback')).toEqual([expect.objectContaining({ level: 'warn', store: 'FEEDBACK_DB (D1)' })]);
  });
});
