import { createLru } from '../../core/memo';
import type { Verdict } from './shared-state';

export interface TokenBucketOptions {
  /** Tokens in a full bucket: how many requests a client may send at once. */
  capacity: number;
  /** Tokens regained per millisecond. */
  refillPerMs: number;
  /** Clients remembered at most; the one seen least recently is forgotten first. */
  maxKeys: number;
  now: () => number;
}

/**
 * One token bucket per key, in memory bounded by `maxKeys`. Forgetting a client only hands it a
 * full bucket again, so under a flood of new keys the limit loosens for some clients but no one
 * is refused wrongly, and memory stays flat.
 */
export function createTokenBuckets({ capacity, refillPerMs, maxKeys, now }: TokenBucketOptions) {
  const buckets = createLru<{ tokens: number; at: number }>(maxKeys);
  return {
    take(key: string): Verdict {
      const at = now();
      const bucket = buckets.get(key);
      // A clock that steps back (NTP) must not drain anyone's bucket.
      const tokens = bucket ? Math.min(capacity, bucket.tokens + Math.max(0, at - bucket.at) * refillPerMs) : capacity;
      const allowed = tokens >= 1;
      const left = allowed ? tokens - 1 : tokens;
      if (bucket) {
        bucket.tokens = left;
        bucket.at = at;
      } else buckets.set(key, { tokens: left, at });
      return allowed ? { allowed } : { allowed, retryAfterMs: (1 - tokens) / refillPerMs };
    },
    get size() {
      return buckets.size;
    },
  };
}
