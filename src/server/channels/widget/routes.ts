import { Hono } from 'hono';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { toHex } from '../../../core/text/hex';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { REVALIDATE } from '../../http/static-asset';

export interface WidgetRoutesDeps {
  /**
   * The built widget bundle (`dist/widget.js`'s text). Node builds it with esbuild at start; the
   * Workers entry hands in the string it bundled at deploy time. Called per request: keep it cheap.
   * Undefined: `/widget.js` answers 503 `widget_unavailable`.
   */
  script?: () => Promise<string> | string;
}

// A 304 keeps what lets any site use the cached script, beside what HTTP says it must keep.
const KEPT_ON_304 = [...RETAINED_304_HEADERS, 'cross-origin-resource-policy', 'access-control-allow-origin', 'x-content-type-options', 'content-type'];

/**
 * `GET /widget.js`: the embeddable chat widget, loadable by `<script>` from any site. Hono's etag
 * middleware answers a matching If-None-Match with 304; the ETag itself is computed here, once per
 * bundle, since the middleware would hash the body on every request.
 */
export function createWidgetRoutes({ script }: WidgetRoutesDeps) {
  const app = new Hono<AppEnv>();
  const etagOf = memoizeLast(strongEtag);

  app.get('/widget.js', etag({ retainedHeaders: KEPT_ON_304 }), async (c) => {
    if (!script) throw new AppError(503, 'widget_unavailable', 'This server was started without the widget bundle.');
    const text = await script();
    return c.body(text, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      // Any site may embed it: that is the point of the widget. API calls are checked separately.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
      // Sites embed it by this fixed URL: cache briefly, then revalidate cheaply with the ETag.
      'Cache-Control': REVALIDATE,
      ETag: await etagOf(text),
    });
  });

  return app;
}

/** A strong ETag from the content's SHA-256 (Web Crypto: the same code on Node and Workers). */
async function strongEtag(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `"${toHex(digest.subarray(0, 16))}"`;
}

/** The bundle rarely changes, so remember the hash of the last text instead of hashing per request. */
function memoizeLast<T>(fn: (input: string) => Promise<T>): (input: string) => Promise<T> {
  let last: { input: string; output: Promise<T> } | undefined;
  return (input) => {
    if (last?.input !== input) last = { input, output: fn(input) };
    return last.output;
  };
}
