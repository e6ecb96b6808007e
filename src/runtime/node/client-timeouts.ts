import type { ServerOptions } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/**
 * The Node HTTP server's clocks on a client's side of a request, from CLIENT_TIMEOUT_MS (`ms`):
 * - `headersTimeout`, `ms`: headers that trickle in (slowloris), or a connection that sends
 *   nothing at all, get Node's bare 408 and a closed socket;
 * - `requestTimeout`, 3 × `ms`: the whole request, headers and body, as a backstop behind the
 *   app's own deadline on the body (body-timeout.ts), which answers a JSON 408 at `ms`;
 * - `connectionsCheckingInterval`: how often Node looks at those clocks. Its default, 30 s, would
 *   let a slow connection overstay its timeout by as much.
 */
export function clientTimeouts(ms: number): ServerOptions {
  return { headersTimeout: ms, requestTimeout: 3 * ms, connectionsCheckingInterval: Math.min(1_000, Math.ceil(ms / 4)) };
}

/**
 * AppDeps.bodyReceived on Node: the IncomingMessage is complete once its last byte has been
 * parsed, whether or not the route has read it yet.
 */
export const bodyReceived = (c: Context): boolean => (c.env as HttpBindings).incoming.complete;
