import { describe, expect, it } from 'vitest';
import { createTokenBuckets } from '../../../src/server/state/token-buckets';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms), back: (ms: number) => void (t -= ms) };
}

/** 30 a minute: a token every 2 s. */
const perMinute = (n: number, c = clock(), maxKeys = 100) => ({ c, buckets: createTokenBuckets({ capacity: n, refillPerMs: n / 60_000, maxKeys, now: c.now }) });

describe('token buckets', () => {
  it('lets a client send a full bucket at once, then refuses, saying when the next token comes', () => {
    const { buckets } = perMinute(30);
    for (let i = 0; i < 30; i++) expect(buckets.take('a')).toEqual({ allowed: true });
    const refused = buckets.take('a');
    expect(refused).toEqual({ allowed: false, retryAfterMs: expect.closeTo(2000, 5) });
  });

  it('refills at the configured rate, never above a full bucket', () => {
    const { c, buckets } = perMinute(30);
    for (let i = 0; i < 30; i++) buckets.take('a');
    c.advance(2000);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    c.advance(3_600_000);
    for (let i = 0; i < 30; i++) expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('keeps each client’s bucket apart', () => {
    const { buckets } = perMinute(1);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('does not drain a bucket when the clock steps back', () => {
    const { c, buckets } = perMinute(2);
    buckets.take('a');
    c.back(60_000);
    expect(buckets.take('a').allowed).toBe(true);
  });

  it('remembers at most maxKeys clients, forgetting the least recently seen, so memory is flat under a flood of addresses', () => {
    const { buckets } = perMinute(1, clock(), 3);
    for (const k of ['a', 'b', 'c']) buckets.take(k);
    buckets.take('a'); // a is now the most recent; b the least
    for (let i = 0; i < 10_000; i++) buckets.take(`flood-${i % 2}`);
    expect(buckets.size).toBe(3);
    expect(buckets.take('a').allowed).toBe(false); // still remembered: it was seen after b and c
    expect(buckets.take('b').allowed).toBe(true); // forgotten: a fresh bucket, never a wrong refusal
  });
});
