import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Hono's secure headers on every response, tightened for an API: JSON and scripts load nothing
 * and are framed nowhere. Headers a route set itself win (`overwrite: false`): the demo page's own
 * CSP, `/widget.js`'s `Cross-Origin-Resource-Policy: cross-origin` (any site may embed it), and
 * the widget API's CORS headers from origins.ts. CORP stays `same-origin` on the API: it applies
 * only to no-cors loads, so the widget's CORS fetches are unaffected.
 */
export function createSecurityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
    // HSTS binds every subdomain for months: the deployment's decision, made at its TLS terminator.
    strictTransportSecurity: false,
    overwrite: false,
  });
}
