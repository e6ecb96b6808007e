import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { AppError } from '../errors';
import type { Site } from './hosts';

/** The routes a widget on another site calls (`/api/sources/*` also matches `/api/sources`). */
export const WIDGET_API_PATHS = ['/api/ask', '/api/chat', '/api/sources/*'] as const;

/** `HTTPS://Example.com:443/` → `https://example.com`, so allow-list entries match however they were typed. */
export function normalizeOrigin(origin: string): string {
  const trimmed = origin.trim();
  try {
    const { origin: normalized } = new URL(trimmed);
    // Opaque origins (file:, sandboxed frames) arrive as the literal "null": compare them as written.
    return normalized === 'null' ? trimmed : normalized;
  } catch {
    return trimmed;
  }
}

/** True when `origin` is on `allowed`: an exact origin, or `*` for any. The one rule for widgets and API keys. */
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  if (allowed.includes('*')) return true;
  const wanted = normalizeOrigin(origin);
  return allowed.some((entry) => normalizeOrigin(entry) === wanted);
}

export interface OriginGuardOptions {
  /** `WIDGET_ALLOWED_ORIGINS`: exact origins, or `*`. Empty means the server's own pages only. */
  allowedOrigins: readonly string[];
  /** Which origins are the server's own pages (PUBLIC_URL, ALLOWED_HOSTS, loopback). */
  site: Site;
}

/**
 * CORS for the widget's API calls. A browser request from a site that is not allowed gets a 403
 * (preflight included) rather than a silent CORS failure, so it shows up in the server's logs and
 * in the site owner's network panel. Requests without `Origin` (curl, servers) pass untouched.
 */
export function createOriginGuard({ allowedOrigins, site }: OriginGuardOptions): MiddlewareHandler {
  const withCors = cors({
    // Reached only for allowed origins; echoing (with Vary: Origin) also covers `*`.
    origin: (origin) => origin,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type'],
    exposeHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined || site.isOwnOrigin(origin, c)) return next();
    if (!isOriginAllowed(origin, allowedOrigins)) {
      throw new AppError(403, 'origin_not_allowed', `Requests from ${origin} are not allowed. The server's WIDGET_ALLOWED_ORIGINS must list it.`);
    }
    return withCors(c, next);
  };
}
