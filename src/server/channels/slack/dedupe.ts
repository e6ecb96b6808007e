/**
 * Remembers which Slack events were already taken, so a redelivery (Slack retries when it thinks
 * we were slow, and may deliver twice anyway) never produces a second answer. Bounded both ways:
 * entries expire after `ttlMs` (Slack's last retry comes about five minutes after the first
 * attempt) and the oldest are dropped beyond `maxEntries`.
 *
 * In memory, so per process (Node) or per isolate (Workers): enough for retries, which Slack sends
 * to the same URL within minutes, not a distributed lock.
 */
export interface Dedupe {
  /** True the first time a key is seen (within the TTL), false for every repeat. */
  claim(key: string): boolean;
}

export function createDedupe({ ttlMs = 15 * 60_000, maxEntries = 5000, now = Date.now }: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}): Dedupe {
  // Insertion order is age order, so expiry and eviction both work from the front.
  const seen = new Map<string, number>();
  return {
    claim(key) {
      const t = now();
      for (const [k, at] of seen) {
        if (t - at < ttlMs && seen.size < maxEntries) break;
        seen.delete(k);
      }
      if (seen.has(key)) return false;
      seen.set(key, t);
      return true;
    },
  };
}
