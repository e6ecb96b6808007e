import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { etagMatches, strongEtag } from './etag';

export interface WidgetRoutesDeps {
  /**
   * The built widget bundle (`dist/widget.js`'s text). Node builds it with esbuild at start; the
   * Workers entry hands in the string it bundled at deploy time. Called per request: keep it cheap.
   * Undefined: `/widget.js` answers 503 `widget_unavailable`.
   */
  script?: () => Promise<string> | string;
}

/** `GET /widget.js`: the embeddable chat widget, loadable by `<script>` from any site. */
export function createWidgetRoutes({ script }: WidgetRoutesDeps) {
  const app = new Hono<AppEnv>();
  const etagOf = memoizeLast(strongEtag);

  app.get('/widget.js', async (c) => {
    if (!script) throw new AppError(503, 'widget_unavailable', 'This server was started without the widget bundle.');
    const text = await script();
    const etag = await etagOf(text);
    const headers = {
      'Content-Type': 'text/javascript; charset=utf-8',
      // Any site may embed it: that is the point of the widget. API calls are checked separately.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
      // The URL is unversioned: cache briefly, then revalidate cheaply with the ETag.
      'Cache-Control': 'public, max-age=300',
      ETag: etag,
    };
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.body(text, 200, headers);
  });

  return app;
}

/** The bundle rarely changes, so remember the hash of the last text instead of hashing per request. */
function memoizeLast<T>(fn: (input: string) => Promise<T>): (input: string) => Promise<T> {
  let last: { input: string; output: Promise<T> } | undefined;
  return (input) => {
    if (last?.input !== input) last = { input, output: fn(input) };
    return last.output;
  };
}
