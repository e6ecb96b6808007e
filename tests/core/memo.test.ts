import { describe, expect, it } from 'vitest';
import { createMemo, memoize } from '../../src/core/memo';

describe('createMemo()', () => {
  it('remembers at least the last half of `size` keys set', () => {
    const memo = createMemo<number>(6);
    for (let i = 0; i < 10; i++) memo.set(`k${i}`, i);
    for (const i of [7, 8, 9]) expect(memo.get(`k${i}`)).toBe(i);
  });

  it('holds at most `size` keys, forgetting those not asked for', () => {
    const memo = createMemo<number>(6);
    for (let i = 0; i < 10; i++) memo.set(`k${i}`, i);
    const kept = Array.from({ length: 10 }, (_, i) => memo.get(`k${i}`)).filter((v) => v !== undefined);
    expect(kept.length).toBeLessThanOrEqual(6);
    expect(memo.get('k0')).toBeUndefined();
  });

  it('keeps a key that stays in use however many others pass through', () => {
    const memo = createMemo<string>(4);
    memo.set('corpus', 'terms');
    for (let i = 0; i < 1_000; i++) {
      memo.set(`question ${i}`, 'once');
      expect(memo.get('corpus')).toBe('terms');
    }
  });
});

describe('memoize()', () => {
  it('computes once per key while the key is remembered', () => {
    let calls = 0;
    const double = memoize((s) => (calls++, s + s), 2);
    expect([double('a'), double('a'), double('b'), double('a')]).toEqual(['aa', 'aa', 'bb', 'aa']);
    expect(calls).toBe(2);
  });
});
