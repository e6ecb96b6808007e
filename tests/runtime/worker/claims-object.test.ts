import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DurableObjectState } from 'cloudflare:workers';
import { SlackClaims } from '../../../src/runtime/worker/claims-object';

// Only workerd has cloudflare:workers; the base class just keeps ctx and env.
vi.mock('cloudflare:workers', () => ({
  DurableObject: class {
    constructor(
      protected ctx: unknown,
      protected env: unknown,
    ) {}
  },
}));

const TTL = 15 * 60_000;

describe('SlackClaims (the Durable Object behind CLAIMS)', () => {
  beforeEach(() => void vi.useFakeTimers({ now: Date.parse('2026-05-01T10:00:00Z') }));
  afterEach(() => void vi.useRealTimers());

  it('claims a key once for its TTL, then again once it has expired', async () => {
    const { claims } = fakeObject();
    expect(await claims.claim('message:D1:1.1', TTL)).toBe(true);
    expect(await claims.claim('message:D1:1.1', TTL)).toBe(false);
    vi.advanceTimersByTime(TTL - 1);
    expect(await claims.claim('message:D1:1.1', TTL)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await claims.claim('message:D1:1.1', TTL)).toBe(true);
  });

  it('sets an alarm for when the claim expires, which then deletes all of its storage', async () => {
    const { claims, storage } = fakeObject();
    await claims.claim('event:Ev1', TTL);
    expect(storage.alarm).toBe(Date.now() + TTL);
    vi.advanceTimersByTime(TTL);
    await claims.alarm();
    expect(storage.deletedAll).toBe(true);
    expect(storage.kv.size).toBe(0);
  });

  it('with several keys, the alarm forgets the expired ones and waits for the next', async () => {
    const { claims, storage } = fakeObject();
    await claims.claim('a', 1000);
    await claims.claim('b', 5000);
    expect(storage.alarm).toBe(Date.now() + 1000);
    vi.advanceTimersByTime(1000);
    await claims.alarm();
    expect([...storage.kv.keys()]).toEqual(['b']);
    expect(storage.alarm).toBe(Date.now() + 4000);
    expect(storage.deletedAll).toBe(false);
  });
});

/** A SlackClaims over a synchronous key-value storage and one alarm, as a SQLite-backed object has. */
function fakeObject() {
  const kv = new Map<string, unknown>();
  const storage = {
    kv,
    alarm: null as number | null,
    deletedAll: false,
  };
  const ctx = {
    storage: {
      kv: {
        get: (key: string) => kv.get(key),
        put: (key: string, value: unknown) => void kv.set(key, value),
        delete: (key: string) => kv.delete(key),
        list: () => kv.entries(),
      },
      getAlarm: async () => storage.alarm,
      setAlarm: async (at: number) => void (storage.alarm = at),
      deleteAll: async () => {
        kv.clear();
        storage.alarm = null;
        storage.deletedAll = true;
      },
    },
  } as unknown as DurableObjectState;
  return { claims: new SlackClaims(ctx, {}), storage };
}
