import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/log';
import { createWorkerState } from '../../../src/runtime/worker/shared-state';

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
