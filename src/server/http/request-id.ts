import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/** What an id from our own proxy may look like: a UUID, or any short token of these characters. */
const TRUSTED_ID = /^[\w.:-]{8,64}$/;
const MAX_LOGGED_CHARS = 64;

/**
 * Gives each request an id, sent back as `X-Request-Id` and written on its log lines. An incoming
 * `X-Request-Id` is taken as the id only from our own proxy (TRUST_PROXY) and in a strict format;
 * otherwise any client could make its requests look like another's in the logs. A client's own
 * value is kept apart, as `clientRequestId`. Not Hono's requestId(): that adopts any
 * well-formed header from anyone.
 */
export function createRequestId({ trustProxy, generate = () => crypto.randomUUID() }: { trustProxy: boolean; generate?: () => string }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const trusted = trustProxy && incoming !== undefined && TRUSTED_ID.test(incoming);
    const id = trusted ? incoming : generate();
    c.set('requestId', id);
    if (incoming !== undefined && !trusted) c.set('clientRequestId', incoming.slice(0, MAX_LOGGED_CHARS));
    c.header('X-Request-Id', id);
    await next();
  };
}
