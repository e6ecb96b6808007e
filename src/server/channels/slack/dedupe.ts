import { createLru } from '../../../core/memo';

/**
 * Remembers which Slack events were already taken, so a redelivery (Slack retries when it thinks
 * we were slow, and may deliver twice anyway) never produces a second answer. Bounded both ways:
 * a claim counts for `ttlMs` (Slack's last retry comes about five minutes after the first
 * attempt), and beyond `maxEntries` the oldest claims are forgotten first.
 *
 * In memory, so per process (Node) or per isolate (Workers): enough for retries, which Slack sends
 * to the same URL within minutes, not a distributed lock.
 */
export interface Dedupe {
  /** True the first time a key is seen (within the TTL), false for every repeat. */
  claim(key: string): boolean;
}

export function createDedupe({ ttlMs = 15 * 60_000, maxEntries = 5000, now = Date.now }: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}): Dedupe {
  // When each key was claimed. Read with `peek`: a redelivery must not make its claim the newest.
  const claimed = createLru<number>(maxEntries);
  return {
    claim(key) {
      const t = now();
      const at = claimed.peek(key);
      if (at !== undefined && t - at < ttlMs) return false;
      claimed.set(key, t);
      return true;
    },
  };
}
