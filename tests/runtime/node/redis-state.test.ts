import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/log';
import { createRedisState } from '../../../src/runtime/node/redis-state';
import type { FeedbackRecord } from '../../../src/server/feedback/record';
import { startRedis, type RunningRedis } from '../../../scripts/lib/redis-server';

const logger = createLogger({ level: 'silent' });
const vote = (i: number): FeedbackRecord => ({ time: new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString(), channel: 'slack', vote: i % 2 ? 'helpful' : 'not_helpful', user: `U${i}`, question: `question ${i}`, answer: 'a', sources: ['tassev-2024'], answerable: true, mode: 'extractive' });

describe('shared state in Redis (a real redis-server)', () => {
  let redis: RunningRedis;
  let stores: ReturnType<typeof createRedisState>[];
  const a = () => stores[0]!.state;
  const b = () => stores[1]!.state;

  beforeAll(async () => {
    redis = await startRedis();
    // Two instances' worth of connections to one server.
    stores = [createRedisState(redis.url, { logger }), createRedisState(redis.url, { logger })];
    await Promise.all(stores.map((s) => s.ready));
  });
  afterAll(async () => {
    await Promise.all(stores?.map((s) => s.close()) ?? []);
    await redis?.stop();
  });

  it('claims a key for exactly one of many concurrent claimants, on any connection, until its TTL', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a() : b()).claim('message:C1:1700000000.000100', 150)));
    expect(results.filter(Boolean)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(await a().claim('message:C1:1700000000.000100', 150)).toBe(true);
  });

  it('keeps one bucket per client for every instance, with the in-process Retry-After contract', async () => {
    const limit = { capacity: 3, refillPerMs: 3 / 60_000 };
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await (i % 2 ? a() : b()).take('203.0.113.7', limit));
    expect(verdicts.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(verdicts[3]).toMatchObject({ allowed: false });
    // The next token, 20 s after the first was taken (give or take the test's own milliseconds).
    const wait = (verdicts[3] as { retryAfterMs: number }).retryAfterMs;
    expect(wait).toBeGreaterThan(19_000);
    expect(wait).toBeLessThanOrEqual(20_000);
    expect(await a().take('198.51.100.1', limit)).toEqual({ allowed: true });
  });

  it('lets an idle client’s bucket expire, so memory follows the clients seen in the last minute', async () => {
    const probe = new Redis(redis.url);
    await a().take('192.0.2.99', { capacity: 30, refillPerMs: 30 / 60_000 });
    const ttl = await probe.pttl('iskp:bucket:192.0.2.99');
    probe.disconnect();
    // Full again after one token's refill (2 s at 30 a minute), plus a second's margin.
    expect(ttl).toBeGreaterThan(2000);
    expect(ttl).toBeLessThanOrEqual(3000);
  });

  it('appends votes to a stream and reads them all back in order, across pages, skipping entries that are not votes', async () => {
    const probe = new Redis(redis.url);
    const votes = Array.from({ length: 1203 }, (_, i) => vote(i));
    for (const [i, v] of votes.entries()) {
      await (i % 2 ? a() : b()).feedback.append(v);
      if (i === 500) await probe.xadd('iskp:feedback', '*', 'record', '{"not":"a vote"}');
    }
    probe.disconnect();
    const read = await a().feedback.read();
    expect(read).toHaveLength(1203);
    expect(read).toEqual(votes);
  });

  it('fails a command fast when Redis hangs or is gone, and works again once it is back', async () => {
    const started = performance.now();
    redis.pause();
    await expect(a().claim('k-hung', 60_000)).rejects.toThrow(/timed out/i);
    expect(performance.now() - started).toBeLessThan(1000);
    redis.resume();

    await redis.stop();
    const down = performance.now();
    await expect(a().take('c', { capacity: 1, refillPerMs: 1 })).rejects.toThrow();
    // At once, not after a connect timeout (2 s) or a command timeout: a second is room for a loaded machine.
    expect(performance.now() - down).toBeLessThan(1000);

    await redis.restart();
    await expect.poll(() => a().claim(`k-back-${Math.random()}`, 60_000).catch(() => false), { timeout: 10_000, interval: 100 }).toBe(true);
    // Its data survived the restart (the test server keeps an append-only file).
    expect((await b().feedback.read()).length).toBeGreaterThan(0);
  });
});
