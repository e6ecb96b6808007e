import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, LogScope } from '../env';
import type { Logger } from '../../core/log';
import { memoize } from '../../core/memo';
import { toHex } from '../../core/text/hex';
import { createKeyedHash } from './keyed-hash';

export interface RequestLogOptions {
  logger: Logger;
  clientKey: (c: Context) => string;
  /** LOG_QUESTIONS: the question's text, not only its length. */
  logQuestions: boolean;
  scope?: LogScope;
  now?: () => number;
}

const MAX_PATH_CHARS = 200;

/**
 * One JSON line per request: method, path, status, duration, request id, a pseudonym of the client,
 * and for questions their length (the text only with LOG_QUESTIONS). Never headers, so never a key.
 * `durationMs` runs until the response starts; a stream continues after it. Level: error for a
 * 5xx, info otherwise, unless the route set `logLevel` (a routine 503 while the index loads).
 */
export function createRequestLog({ logger, clientKey, logQuestions, scope, now = Date.now }: RequestLogOptions): MiddlewareHandler<AppEnv> {
  const pseudonym = createPseudonym();
  return async (c, next) => {
    const started = now();
    const requestId = c.get('requestId');
    await (scope ? scope({ requestId }, next) : next());
    const question = c.get('question');
    const clientRequestId = c.get('clientRequestId');
    const status = c.res.status;
    logger[c.get('logLevel') ?? (status >= 500 ? 'error' : 'info')]('request', {
      requestId,
      ...(clientRequestId === undefined ? {} : { clientRequestId }),
      method: c.req.method,
      path: c.req.path.slice(0, MAX_PATH_CHARS),
      status,
      durationMs: now() - started,
      client: await pseudonym(clientKey(c)),
      ...(question === undefined ? {} : { questionChars: question.length, ...(logQuestions ? { question } : {}) }),
    });
  };
}

/**
 * A plain hash of an IPv4 address is undone by hashing all 2^32 of them; a keyed one whose key
 * dies with the process still lets one run's lines be grouped by client, and no more.
 */
function createPseudonym(): (key: string) => Promise<string> {
  const hash = createKeyedHash();
  // One HMAC per client, not per request: it costs more than all else a trivial request does.
  return memoize(async (key) => toHex((await hash(key)).subarray(0, 8)), PSEUDONYMS);
}

/** Clients whose pseudonym is remembered: as many as the rate limiter tracks. */
const PSEUDONYMS = 10_000;
