import { describe, expect, it } from 'vitest';
import { createDedupe } from '../../../../src/server/channels/slack/dedupe';

describe('event dedupe', () => {
  it('claims a key once, until it expires', () => {
    let now = 0;
    const dedupe = createDedupe({ ttlMs: 1000, now: () => now });
    expect(dedupe.claim('Ev1')).toBe(true);
    expect(dedupe.claim('Ev1')).toBe(false);
    now = 999;
    expect(dedupe.claim('Ev1')).toBe(false);
    now = 1000;
    expect(dedupe.claim('Ev1')).toBe(true);
  });

  it('keeps memory bounded, forgetting the oldest keys first', () => {
    const dedupe = createDedupe({ maxEntries: 3, now: () => 0 });
    for (const k of ['a', 'b', 'c', 'd']) expect(dedupe.claim(k)).toBe(true);
    expect(dedupe.claim('d')).toBe(false);
    expect(dedupe.claim('c')).toBe(false);
    expect(dedupe.claim('a')).toBe(true); // forgotten to make room
  });

  it('forgets by age of claim: a redelivery does not make its key the newest', () => {
    const dedupe = createDedupe({ maxEntries: 3, now: () => 0 });
    for (const k of ['a', 'b']) dedupe.claim(k);
    expect(dedupe.claim('a')).toBe(false);
    for (const k of ['c', 'd']) expect(dedupe.claim(k)).toBe(true); // d: a, the oldest claim, makes room
    expect(dedupe.claim('a')).toBe(true);
  });
});
