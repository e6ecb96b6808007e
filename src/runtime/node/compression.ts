import type { Context, MiddlewareHandler } from 'hono';
import { createMemo, memoize } from '../../core/memo';
import { negotiateEncoding, type Coding } from './accept-encoding';
import { compressBest, compressDynamic, compressStream } from './compress';
import { responseBody } from './response-body';

/** Smaller bodies go out as they are, unless the client refused that: a packet either way, and compressing costs time. */
export const MIN_COMPRESS_BYTES = 1024;
/** Compressed assets kept in memory (a response with a strong ETag, in one coding, is one). */
const KEPT_ASSETS = 64;
/** Distinct Accept-Encoding headers whose negotiation is remembered. */
const ACCEPT_ENCODINGS = 64;
const NO_HEADER = negotiateEncoding(undefined);

/** Text, JSON, JavaScript, XML, SVG and the citation formats; images, archives and fonts arrive compressed already. */
const COMPRESSIBLE = /^(?:text\/|image\/svg\+xml\b|application\/(?:json|javascript|xml|x-ndjson|x-bibtex|x-research-info-systems)\b|application\/[\w.-]+\+(?:json|xml)\b)/i;

/**
 * Node's response compression, as Accept-Encoding asks (br or gzip, accept-encoding.ts), for the
 * app to mount outermost (AppDeps.compression); Workers leave it to Cloudflare's edge.
 * - Every compressible response says `Vary: Accept-Encoding`, whatever it was sent as.
 * - A response with a strong ETag (the widget, the pages' assets) is the same bytes every time: it
 *   is compressed once, at the best quality, kept, and its ETag gets the coding (`"…-br"`) so each
 *   representation has its own; revalidating with that tag still gets a 304.
 * - Other bodies of 1 KB or more are compressed per request at fast settings (compress.ts).
 * - A stream (SSE) is compressed as it flows, every chunk flushed at once: nothing is held back.
 * - A body already encoded, `Cache-Control: no-transform`, 204, 206 and HEAD of a stream are left alone.
 */
export function createCompression(): MiddlewareHandler {
  const assets = createMemo<Promise<Uint8Array>>(KEPT_ASSETS);
  // Clients send a handful of distinct headers: each is parsed once.
  const negotiate = memoize(negotiateEncoding, ACCEPT_ENCODINGS);
  return async (c, next) => {
    const header = c.req.header('accept-encoding');
    const { coding, identity } = header === undefined ? NO_HEADER : negotiate(header);
    const revalidating = coding !== undefined && untagIfNoneMatch(c, coding);
    await next();
    const res = c.res;
    if (res.status === 304) {
      // Hono's 304 keeps no Content-Type to judge by: a cached copy revalidated by its tag is what varies.
      addVary(res.headers);
      // The client holds the compressed copy it revalidated: the 304 names that one.
      if (revalidating) tagEtag(res.headers, coding);
      return;
    }
    if (!negotiable(res)) return;
    addVary(res.headers);
    if (!coding) return;
    const body = await responseBody(res);
    if (body.kind === 'none' || (body.kind === 'stream' && c.req.method === 'HEAD')) return;
    if (body.kind === 'whole' && body.size < MIN_COMPRESS_BYTES && identity) return;
    const headers = res.headers;
    let compressed: Uint8Array | ReadableStream<Uint8Array>;
    if (body.kind === 'stream') {
      compressed = compressStream(body.stream, coding);
      headers.delete('Content-Length');
    } else {
      const etag = headers.get('etag');
      const key = etag && !etag.startsWith('W/') ? `${c.req.path} ${etag} ${coding}` : undefined;
      compressed = await (key ? (assets.get(key) ?? assets.set(key, compressBest(body.bytes, coding))) : compressDynamic(body.bytes, coding));
      // Said outright: HEAD drops the body, and the length must still be the compressed one.
      headers.set('Content-Length', String(compressed.byteLength));
    }
    headers.set('Content-Encoding', coding);
    tagEtag(headers, coding);
    // Unset first: Hono merges the old response's headers into a new one assigned over it.
    c.res = undefined;
    c.res = new Response(compressed as BodyInit, { status: res.status, headers });
  };
}

/** A response whose body could be compressed: one with a compressible type that nobody encoded or forbade transforming. */
function negotiable(res: Response): boolean {
  if (res.status < 200 || res.status === 204 || res.status === 206) return false;
  const headers = res.headers;
  if (headers.has('content-encoding') || /\bno-transform\b/i.test(headers.get('cache-control') ?? '')) return false;
  return COMPRESSIBLE.test(headers.get('content-type') ?? '');
}

function addVary(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('Vary', 'Accept-Encoding');
  else if (!/(?:^|,)\s*(?:\*|accept-encoding)\s*(?:,|$)/i.test(vary)) headers.set('Vary', `${vary}, Accept-Encoding`);
}

/** `"abc"` → `"abc-br"`: a strong ETag names one representation, and the compressed one is another. */
function tagEtag(headers: Headers, coding: Coding): void {
  const etag = headers.get('etag');
  if (etag?.endsWith('"')) headers.set('ETag', `${etag.slice(0, -1)}-${coding}"`);
}

/** `If-None-Match: "abc-br"` → `"abc"`, the tag the route knows; true when there was one to untag. */
function untagIfNoneMatch(c: Context, coding: Coding): boolean {
  const header = c.req.header('if-none-match');
  const suffix = `-${coding}"`;
  if (!header?.includes(suffix)) return false;
  c.req.raw.headers.set('If-None-Match', header.replaceAll(suffix, '"'));
  return true;
}
