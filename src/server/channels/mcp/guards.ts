import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { AppError } from '../../errors';
import { createBearerKeyGuard } from '../../http/api-keys';
import type { Site } from '../../http/hosts';
import { isOriginAllowed } from '../../http/origins';

export interface McpOriginOptions {
  /** WIDGET_ALLOWED_ORIGINS: browser pages on these origins may call /mcp too. */
  allowedOrigins: readonly string[];
  site: Site;
}

/**
 * DNS-rebinding protection, as the MCP transport spec asks: a request that names an `Origin` must
 * name the server's own or an allowed one, else 403. No `Origin` passes: desktop clients, servers
 * and curl send none, and a browser always sends one on a cross-origin POST. Allowed cross-origin
 * pages also get CORS, with the headers an MCP client sends and reads.
 */
export function createMcpOriginGuard({ allowedOrigins, site }: McpOriginOptions): MiddlewareHandler {
  const withCors = cors({
    origin: (origin) => origin,
    allowMethods: ['POST', 'GET', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Mcp-Protocol-Version', 'Mcp-Session-Id', 'Last-Event-ID'],
    exposeHeaders: ['Mcp-Session-Id', 'X-Request-Id', 'Retry-After', 'WWW-Authenticate'],
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined || site.isOwnOrigin(origin, c)) return next();
    if (!isOriginAllowed(origin, allowedOrigins)) {
      throw new AppError(403, 'origin_not_allowed', `Requests from ${origin.slice(0, 200)} are not allowed. The server's WIDGET_ALLOWED_ORIGINS must list it.`);
    }
    return withCors(c, next);
  };
}

export interface McpKeyOptions {
  /** API_KEYS. Empty: /mcp is as open as /api. */
  keys: readonly string[];
  /** MCP_REQUIRE_KEY: false opens /mcp without a key even when API_KEYS is set. */
  requireKey: boolean;
}

/**
 * `Authorization: Bearer <key>` on /mcp whenever API_KEYS is set (unless MCP_REQUIRE_KEY=false),
 * else 401 with `WWW-Authenticate: Bearer`. Unlike /api/*, pages on allowed origins get no
 * exemption: an MCP client is a program that can hold a key, not a public page's script.
 * A CORS preflight never carries the key, so it passes (the origin guard has answered it).
 */
export function createMcpKeyGuard({ keys, requireKey }: McpKeyOptions): MiddlewareHandler {
  return requireKey ? createBearerKeyGuard({ keys, realm: 'mcp', who: 'This MCP server' }) : (_c, next) => next();
}
