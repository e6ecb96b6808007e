import type { MiddlewareHandler } from 'hono';
import { fromHex } from '../../../core/text/hex';
import type { AppEnv } from '../../env';
import { errorBody } from '../../env';
import { incompleteBody } from '../../http/body-limit';

/** Slack's replay window: a request signed longer ago than this is refused even if the signature is right. */
export const MAX_AGE_SECONDS = 5 * 60;

const encoder = new TextEncoder();

/**
 * Checks Slack's request signature: `X-Slack-Signature` must be `v0=` + hex HMAC-SHA256 of
 * `v0:{X-Slack-Request-Timestamp}:{raw body}` under the app's signing secret, and the timestamp
 * must be within five minutes of `now`. Web Crypto only, so it runs on Node and Workers alike.
 */
export function createSignatureVerifier(secret: string, now: () => number = Date.now) {
  let key: Promise<CryptoKey> | undefined;
  const getKey = () => (key ??= crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']));

  return async function verify({ timestamp, signature, body }: { timestamp?: string; signature?: string; body: Uint8Array }): Promise<boolean> {
    if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
    if (Math.abs(now() / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) return false;
    const mac = signature?.match(/^v0=([0-9a-f]{64})$/i)?.[1];
    if (!mac) return false;
    const signed = concat(encoder.encode(`v0:${timestamp}:`), body);
    // subtle.verify compares the MACs in constant time; `===` on hex strings would leak, through
    // timing, how many leading characters of a forged signature were right.
    return crypto.subtle.verify('HMAC', await getKey(), fromHex(mac), signed);
  };
}

/**
 * Refuses, with 401 and before anything reads the body as JSON or form data, every request that
 * Slack did not sign. Hono caches the body, so handlers read it again for free.
 */
export function requireSlackSignature(secret: string, now?: () => number): MiddlewareHandler<AppEnv> {
  const verify = createSignatureVerifier(secret, now);
  return async (c, next) => {
    let body: ArrayBuffer;
    try {
      body = await c.req.arrayBuffer();
    } catch (err) {
      throw incompleteBody(err);
    }
    const ok = await verify({ timestamp: c.req.header('x-slack-request-timestamp'), signature: c.req.header('x-slack-signature'), body: new Uint8Array(body) });
    if (!ok) return c.json(errorBody('invalid_signature', 'This request is not signed by Slack, or the signature is more than five minutes old.', c.get('requestId')), 401);
    await next();
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
