import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors';
import { createTokenBuckets, type Verdict } from './token-bucket';

/** The routes that cost an answer. Sources, health and the widget script are cheap and not limited. */
export const QUESTION_PATHS = ['/api/ask', '/api/chat', '/api/brief', '/v1/chat/completions'] as const;

/** The methods that ask on a limited path when it is not POST: HEAD runs the GET route whole. */
const ASKING_METHODS: Readonly<Record<string, readonly string[]>> = { '/brief': ['GET', 'HEAD'] };

/** About 1.5 MB of buckets at most, whatever the number of clients. */
const MAX_CLIENTS = 10_000;

/** The Workers binding does not say when its window reopens; its period is at most a minute. */
const SHARED_RETRY_AFTER_MS = 60_000;

export interface RateLimitOptions {
  /** RATE_LIMIT_PER_MINUTE: the burst a client may send, and the rate it may keep up; 0 turns limiting off. */
  perMinute: number;
  clientKey: (c: Context) => string;
  /** A limiter shared by every instance (the Workers binding, AppDeps.rateLimit); used instead of the in-process buckets. */
  shared?: (key: string) => Promise<boolean>;
  now?: () => number;
  maxClients?: number;
}

/** Token bucket per client on question routes: 429 `rate_limited` with Retry-After in whole seconds. */
export function createRateLimit({ perMinute, clientKey, shared, now = Date.now, maxClients = MAX_CLIENTS }: RateLimitOptions): MiddlewareHandler {
  if (perMinute === 0) return (_c, next) => next();
  const buckets = createTokenBuckets({ capacity: perMinute, refillPerMs: perMinute / 60_000, maxKeys: maxClients, now });
  const decide = async (key: string): Promise<Verdict> => {
    if (!shared) return buckets.take(key);
    return (await shared(key)) ? { allowed: true } : { allowed: false, retryAfterMs: SHARED_RETRY_AFTER_MS };
  };
  return async (c, next) => {
    // Preflights and wrong methods cost nothing to answer; only asking costs a token.
    if (!(ASKING_METHODS[c.req.path] ?? ['POST']).includes(c.req.method)) return next();
    const verdict = await decide(clientKey(c));
    if (verdict.allowed) return next();
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    throw new AppError(429, 'rate_limited', `Too many questions from this client; try again in ${seconds} s.`, { headers: { 'Retry-After': String(seconds) } });
  };
}
