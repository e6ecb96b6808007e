import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../../env';
import { DEMO_CSS, DEMO_HTML, DEMO_JS } from './demo-assets';

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
  app.get('/', secureHeaders({ contentSecurityPolicy: DEMO_CSP, strictTransportSecurity: false, referrerPolicy: 'same-origin' }), (c) => c.html(DEMO_HTML));
  app.get('/demo.css', (c) => c.body(DEMO_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
  app.get('/demo.js', (c) => c.body(DEMO_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
  return app;
}
