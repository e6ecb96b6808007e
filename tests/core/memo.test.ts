import { describe, expect, it } from 'vitest';
import { createLru, createMemo, memoize } from '../../src/core/memo';

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

describe('createLru()', () => {
  it('holds exactly the last `size` keys used, forgetting the least recently used first', () => {
    const lru = createLru<number>(3);
    for (const k of ['a', 'b', 'c']) lru.set(k, 0);
    lru.get('a'); // b is now the least recently used
    lru.set('d', 0);
    expect(lru.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((k) => lru.peek(k) !== undefined)).toEqual([true, false, true, true]);
    lru.set('e', 0); // c goes next
    expect(lru.peek('c')).toBeUndefined();
    expect(lru.size).toBe(3);
  });

  it('peeks without changing the order of use', () => {
    const lru = createLru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.peek('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.peek('a')).toBeUndefined();
    expect(lru.get('b')).toBe(2);
  });

  it('replaces the value of a key set again, making it the most recent without growing', () => {
    const lru = createLru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.set('a', 3)).toBe(3);
    expect(lru.size).toBe(2);
    lru.set('c', 4);
    expect([lru.peek('a'), lru.peek('b'), lru.peek('c')]).toEqual([3, undefined, 4]);
  });

  it('keeps its order through many evictions, as a queue of the same keys would', () => {
    const lru = createLru<number>(50);
    const order: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const key = `k${(i * 7919) % 120}`;
      const at = order.indexOf(key);
      if (at >= 0) order.splice(at, 1);
      else if (order.length === 50) order.shift();
      order.push(key);
      if (i % 3) lru.get(key) ?? lru.set(key, i);
      else lru.set(key, i);
    }
    expect(lru.size).toBe(50);
    for (let i = 0; i < 120; i++) expect(lru.peek(`k${i}`) !== undefined).toBe(order.includes(`k${i}`));
  });
});
