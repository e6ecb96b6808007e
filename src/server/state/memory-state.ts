import type { Logger } from '../../core/log';
import { createLru } from '../../core/memo';
import type { FeedbackRecord } from '../feedback/record';
import type { FeedbackStore, SharedState } from './shared-state';
import { createTokenBuckets } from './token-buckets';

export interface MemoryStateOptions {
  /** Where votes go: the Node runtime's `feedback.jsonl`; by default a list in memory. */
  feedback?: FeedbackStore;
  now?: () => number;
  /** Claims remembered at most (about 0.5 MB); beyond it the oldest claim is forgotten first. */
  maxClaims?: number;
  /** Clients' buckets remembered at most (about 1.5 MB); the one seen least recently is forgotten first. */
  maxClients?: number;
}

/**
 * Shared state for one process: claims and buckets in bounded memory, votes wherever `feedback`
 * keeps them. What a single `npm start` uses, and what any instance falls back to when its shared
 * store is unreachable.
 */
export function createMemoryState({ feedback = createMemoryFeedback(), now = Date.now, maxClaims = 5000, maxClients = 10_000 }: MemoryStateOptions = {}): SharedState {
  // When each key was claimed. Read with `peek`: a repeat must not make its claim the newest.
  const claimed = createLru<number>(maxClaims);
  // One set of buckets per limit, so a caller that changes its limit starts afresh.
  const buckets = new Map<string, ReturnType<typeof createTokenBuckets>>();
  return {
    async claim(key, ttlMs) {
      const t = now();
      const at = claimed.peek(key);
      if (at !== undefined && t - at < ttlMs) return false;
      claimed.set(key, t);
      return true;
    },
    async take(key, limit) {
      const id = `${limit.capacity}/${limit.refillPerMs}`;
      let set = buckets.get(id);
      if (!set) buckets.set(id, (set = createTokenBuckets({ ...limit, maxKeys: maxClients, now })));
      return set.take(key);
    },
    feedback,
  };
}

/** Votes kept in a list: for tests, and for a process that has nowhere better. */
export function createMemoryFeedback(records: FeedbackRecord[] = []): FeedbackStore {
  return {
    async append(record) {
      records.push(record);
    },
    async read() {
      return [...records];
    },
  };
}

/** Votes written to the log as structured lines and never read back: where Workers without D1 keep them. */
export function createLoggedFeedback(logger: Logger): FeedbackStore {
  return {
    async append(record) {
      logger.info('feedback', { feedback: record });
    },
    async read() {
      return [];
    },
  };
}
