import type { Context, MiddlewareHandler } from 'hono';
import type { Answerer } from '../core/answer/types';
import type { LogFields, Logger } from '../core/log';
import type { SearchIndex } from '../core/search/search-index';
import type { Config } from '../config';
import type { ErrorBody } from './errors';
import { AppError } from './errors';
import type { SharedState } from './state/shared-state';


/**
 * What the routes read from the index themselves (listings, `/readyz`); every question goes through
 * the answerer. Narrower than the search index, so an answerer on other threads needs no copy of it here.
 */
export type Listing = Pick<SearchIndex, 'embedder' | 'sources' | 'sourceById' | 'chunks' | 'glossary'>;

/** Runs the rest of a request with `fields` on every log line written meanwhile (AsyncLocalStorage on Node). */
export type LogScope = (fields: LogFields, run: () => Promise<void>) => Promise<void>;

/** What the app needs once the index is loaded. */
export interface Ready {
  index: Listing;
  answerer: Answerer;
}

/** Everything runtime-specific, handed in by the Node or Workers entry point (or a test). */
export interface AppDeps {
  config: Config;
  logger: Logger;
  /** Undefined until the index is loaded: `/readyz` answers 503 and question routes 503 until then. */
  ready: () => Ready | undefined;
  /** Keeps background work (Slack answers) alive after the response: `ctx.waitUntil` on Workers. */
  waitUntil: (work: Promise<unknown>) => void;
  /**
   * The Slack dedupe, the rate limit's buckets and the votes, as the runtime keeps them (Redis,
   * a Durable Object and D1, `feedback.jsonl`). Absent: in this process's memory.
   */
  state?: SharedState;
  /** Outbound HTTP (Slack Web API, response_url); the global fetch when absent. */
  fetch?: typeof fetch;
  /** The built widget.js: Node builds it with esbuild at start; Workers pass the string bundled at deploy. Absent: `/widget.js` answers 503. */
  widgetScript?: () => Promise<string> | string;
  /** The connection's remote address (Node: getConnInfo). Absent: CF-Connecting-IP on Workers, else every client is one. */
  clientAddress?: (c: Context) => string | undefined;
  /** True on Workers, where the platform routes by host name: see `SiteOptions.routedByHost`. */
  routedByHost?: boolean;
  /** Runs a request with its id on every log line written meanwhile (Node: AsyncLocalStorage). */
  logScope?: LogScope;
  /**
   * Compresses responses as Accept-Encoding asks (Node: node:zlib, src/runtime/node/compression.ts).
   * Absent on Workers, where Cloudflare compresses at the edge.
   */
  compression?: MiddlewareHandler<AppEnv>;
  /** Whether the request's body has fully arrived (Node: the IncomingMessage is complete). Absent: no body deadline (see body-timeout.ts). */
  bodyReceived?: (c: Context) => boolean;
  now?: () => number;
}

/**
 * For the request log: `clientRequestId` is an X-Request-Id we did not adopt (see request-id.ts);
 * `question` is set by the question routes once the body is read;
 * `logLevel` by a route whose 5xx is routine (a readiness probe while the index loads).
 */
export type AppEnv = { Variables: { requestId: string; clientRequestId?: string; question?: string; logLevel?: 'info' | 'warn' } };

export const errorBody = (code: string, message: string, requestId?: string): ErrorBody => ({ error: { code, message }, requestId });

/** Middleware-free guard for routes that need the index. */
export function requireReady(deps: AppDeps): Ready {
  const ready = deps.ready();
  // Expected in the first second after a start: worth a warning, not an error.
  if (!ready) throw new AppError(503, 'not_ready', 'The index is still loading; try again in a moment.', { headers: { 'Retry-After': '1' }, logLevel: 'warn' });
  return ready;
}
