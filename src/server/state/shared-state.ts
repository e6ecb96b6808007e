import type { FeedbackRecord } from '../feedback/record';

/** A token bucket: how many requests a client may send at once, and how fast tokens come back. */
export interface BucketLimit {
  capacity: number;
  refillPerMs: number;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Where votes are kept and read back from. */
export interface FeedbackStore {
  append(record: FeedbackRecord): Promise<void>;
  /** Every vote kept, oldest first. */
  read(): Promise<FeedbackRecord[]>;
}

/**
 * The state several instances of the bot must agree on: which Slack messages were taken, how many
 * questions each client has left, and the votes. One port, three stores: in-process (one Node
 * process, the default), Redis (`REDIS_URL`), a Durable Object and D1 (Workers).
 */
export interface SharedState {
  /** True the first time `key` is claimed within `ttlMs`, on any instance; false for every repeat. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Takes a token from `key`'s bucket: allowed, or refused with when the next token comes. */
  take(key: string, limit: BucketLimit): Promise<Verdict>;
  feedback: FeedbackStore;
}
