import { isRetryable } from './chat';
import { sleep as defaultSleep, type Deadline } from './deadline';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait before the second try; doubled for each one after, with up to 25% jitter off. */
  baseDelayMs: number;
}

/** Three tries at 250 ms then 500 ms: enough to ride out a blip, short enough to leave time for the answer. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 250 };

export interface RetryOptions {
  deadline: Deadline;
  policy?: RetryPolicy;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Runs `attempt` again after 429s, 5xx and dropped connections, backing off, but never past the
 * deadline: the SDK's own retries are switched off because they would sleep as long as a
 * server's Retry-After asks, however little of the budget is left.
 */
export async function withRetries<T>(attempt: () => Promise<T>, { deadline, policy = DEFAULT_RETRY, sleep = defaultSleep, random = Math.random, onRetry }: RetryOptions): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isRetryable(err) || i >= policy.attempts || deadline.signal.aborted) throw err;
      const delay = err.details.retryAfterMs ?? policy.baseDelayMs * 2 ** (i - 1) * (1 - random() * 0.25);
      // Waiting out the whole budget only to time out would waste it: give up now.
      if (delay >= deadline.remaining()) throw err;
      onRetry?.(err, i, delay);
      await sleep(delay, deadline.signal);
    }
  }
}
