import type { Context, MiddlewareHandler } from 'hono';
import { isOriginAllowed } from './origins';
import { AppError } from '../errors';
import type { Logger } from '../../core/log';
import type { Site } from './hosts';
import { createKeyedHash } from './keyed-hash';

export interface ApiKeyOptions {
  /** API_KEYS. Empty: the API is open and this middleware does nothing. */
  keys: readonly string[];
  /** WIDGET_ALLOWED_ORIGINS: pages on these origins (and the server's own) use the API without a key. */
  allowedOrigins: readonly string[];
  /** Which origins are the server's own pages. */
  site: Site;
  logger?: Logger;
}

/**
 * `Authorization: Bearer <key>` on /api/*, else 401 `unauthorized` with `WWW-Authenticate: Bearer`.
 * Browser pages on an allowed origin or the server's own pass without one: a key in a public
 * page's script would be no secret. That exception stops other websites (a browser will not forge
 * Origin or Referer), not scripts (curl will); the rate limit covers those.
 */
export function createApiKeyGuard({ keys, allowedOrigins, site, logger }: ApiKeyOptions): MiddlewareHandler {
  if (!keys.length) return (_c, next) => next();
  if (allowedOrigins.includes('*')) {
    logger?.warn('API_KEYS is set but WIDGET_ALLOWED_ORIGINS is "*": any request that sends an Origin header is let through without a key');
  }
  const keyed = createBearerKeyGuard({ keys });
  return async (c, next) => (fromAllowedPage(c, allowedOrigins, site) ? next() : keyed(c, next));
}

/**
 * `Authorization: Bearer <key>` on every request, else 401 `unauthorized` with `WWW-Authenticate:
 * Bearer`; nothing when `keys` is empty. No exception for pages: the OpenAI-compatible /v1 and
 * /mcp are called by programs that hold a key (chat front ends, SDKs, MCP clients), never by this
 * server's own pages. A CORS preflight never carries a key, so it passes (the origin guard answers it).
 * `realm` and `who` name the service in the challenge and the message.
 */
export function createBearerKeyGuard({ keys, realm = 'api', who = 'This API' }: { keys: readonly string[]; realm?: string; who?: string }): MiddlewareHandler {
  if (!keys.length) return (_c, next) => next();
  const matches = createKeyMatcher(keys);
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const token = bearerToken(c.req.header('authorization'));
    if (token && (await matches(token))) return next();
    const [message, challenge] = token
      ? ['The API key is not valid.', `Bearer realm="${realm}", error="invalid_token"`]
      : [`${who} needs a key: send Authorization: Bearer <key>.`, `Bearer realm="${realm}"`];
    throw new AppError(401, 'unauthorized', message, { headers: { 'WWW-Authenticate': challenge } });
  };
}

/**
 * A page's request names its origin in `Origin`. A same-origin GET carries none, so there the
 * browser's `Sec-Fetch-Site: same-origin` must come with a `Referer` on one of the server's own
 * origins: Sec-Fetch-Site alone says "the same origin as the URL", which a rebinding page shares.
 */
function fromAllowedPage(c: Context, allowedOrigins: readonly string[], site: Site): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) return site.isOwnOrigin(origin, c) || isOriginAllowed(origin, allowedOrigins);
  const referer = c.req.header('referer');
  return c.req.header('sec-fetch-site') === 'same-origin' && referer !== undefined && site.isOwnOrigin(referer, c);
}

export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '')?.[1];
}

/**
 * True when `presented` is one of `keys`, in time that does not depend on how much of any key it
 * got right: both sides are HMACed under a random key (equal-length digests the caller cannot
 * predict), every byte of every key's digest is compared, and nothing exits early.
 */
export function createKeyMatcher(keys: readonly string[]): (presented: string) => Promise<boolean> {
  const hash = createKeyedHash();
  let expected: Promise<Uint8Array[]> | undefined;
  return async (presented) => {
    expected ??= Promise.all(keys.map(hash));
    const [digest, digests] = await Promise.all([hash(presented), expected]);
    let found = 0;
    for (const d of digests) found |= equalBytes(digest, d);
    return found === 1;
  };
}

/** 1 when equal, else 0, after reading every byte: `diff - 1` is negative only when `diff` is 0. */
function equalBytes(a: Uint8Array, b: Uint8Array): number {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i] ?? 0);
  return ((diff - 1) >>> 31) & 1;
}
