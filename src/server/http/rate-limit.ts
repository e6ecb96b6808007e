import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors';
import type { SharedState } from '../state/shared-state';

/** The routes that cost an answer. Sources, health and the widget script are cheap and not limited. */
export const QUESTION_PATHS = ['/api/ask', '/api/chat', '/api/brief', '/v1/chat/completions'] as const;

/** The methods that ask on a limited path when it is not POST: HEAD runs the GET route whole. */
const ASKING_METHODS: Readonly<Record<string, readonly string[]>> = { '/brief': ['GET', 'HEAD'] };

export interface RateLimitOptions {
  /** RATE_LIMIT_PER_MINUTE: the burst a client may send, and the rate it may keep up; 0 turns limiting off. */
  perMinute: number;
  clientKey: (c: Context) => string;
  /** Where the buckets live: in process, in Redis shared by every instance, or the Workers binding. */
  take: SharedState['take'];
}

/** Token bucket per client on question routes: 429 `rate_limited` with Retry-After in whole seconds. */
export function createRateLimit({ perMinute, clientKey, take }: RateLimitOptions): MiddlewareHandler {
  if (perMinute === 0) return (_c, next) => next();
  const limit = { capacity: perMinute, refillPerMs: perMinute / 60_000 };
  return async (c, next) => {
    // Preflights and wrong methods cost nothing to answer; only asking costs a token.
    if (!(ASKING_METHODS[c.req.path] ?? ['POST']).includes(c.req.method)) return next();
    const verdict = await take(clientKey(c), limit);
    if (verdict.allowed) return next();
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    throw new AppError(429, 'rate_limited', `Too many questions from this client; try again in ${seconds} s.`, { headers: { 'Retry-After': String(seconds) } });
  };
}
