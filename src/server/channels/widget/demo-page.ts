import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../../env';
import { createStaticAsset, serveStaticAsset } from '../../http/static-asset';
import { DEMO_HTML, DEMO_SCRIPT, DEMO_STYLESHEET } from './demo-assets';

/**
 * Exactly what the demo page uses: its own script, stylesheet and widget (all same-origin), and
 * the widget's API calls. The widget styles itself with constructed stylesheets, which CSP allows.
 */
export const DEMO_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/** `GET /`: a page about the paper with the widget on it, so `npm start` shows the product. */
export function createDemoRoutes() {
  const app = new Hono<AppEnv>();
  // HSTS binds every subdomain for months: the deployment's decision, not the demo page's.
  // Referer only to this server: with API_KEYS, it is how the widget's same-origin GETs (citation
  // exports), which carry no Origin, show that they come from this page (see api-keys.ts).
  // Revalidated on every view (a 304 while it is unchanged): a deploy's new asset URLs are seen at once.
  const page = createStaticAsset('/', 'text/html; charset=UTF-8', DEMO_HTML);
  app.get('/', secureHeaders({ contentSecurityPolicy: DEMO_CSP, strictTransportSecurity: false, referrerPolicy: 'same-origin' }), etag(), (c) =>
    c.html(page.body, 200, { 'Cache-Control': 'no-cache', ETag: page.etag }),
  );
  serveStaticAsset(app, DEMO_STYLESHEET);
  serveStaticAsset(app, DEMO_SCRIPT);
  return app;
}
