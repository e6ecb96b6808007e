import { Hono, type Context } from 'hono';
import type { Answerer } from './answer/types';
import { createApiRoutes } from './channels/api/routes';
import { createSourcesRoutes } from './channels/api/sources';
import { createSlackRoutes } from './channels/slack/routes';
import { createDemoRoutes } from './channels/widget/demo-page';
import { createOriginGuard, WIDGET_API_PATHS } from './channels/widget/origins';
import { createWidgetRoutes } from './channels/widget/routes';
import type { Config } from './config';
import type { ErrorBody } from './errors';
import { AppError } from './errors';
import type { RecordFeedback } from './feedback';
import { createApiKeyGuard } from './http/api-keys';
import { createBodyLimits } from './http/body-limit';
import { createClientKey, workersConnectionAddress } from './http/client-key';
import { createHostGuard, createSite } from './http/hosts';
import { createMethodNotAllowed } from './http/method-not-allowed';
import { createRateLimit, QUESTION_PATHS } from './http/rate-limit';
import { createRequestId } from './http/request-id';
import { createRequestLog, type LogScope } from './http/request-log';
import { createSecurityHeaders } from './http/security-headers';
import { createTimeBudget, requestBudgetMs } from './http/time-budget';
import type { SearchIndex } from './index/search-index';
import type { Logger } from './log';

/**
 * What the routes read from the index themselves (listings, `/readyz`); every question goes through
 * the answerer. Narrower than the search index, so an answerer on other threads needs no copy of it here.
 */
export type Catalog = Pick<SearchIndex, 'embedder' | 'sources' | 'sourceById' | 'chunks'>;

/** What the app needs once the index is loaded. */
export interface Ready {
  index: Catalog;
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
   * A shared limiter, when the runtime has one (the Workers Rate Limiting binding): resolves true
   * when a request under `key` may proceed. Absent on Node, where limiting is in-process.
   */
  rateLimit?: (key: string) => Promise<boolean>;
  /** Stores a Slack feedback vote: Node appends to `${DATA_DIR}/feedback.jsonl`; absent, votes are logged (Workers). */
  recordFeedback?: RecordFeedback;
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
  now?: () => number;
}

/**
 * For the request log: `clientRequestId` is an X-Request-Id we did not adopt (see request-id.ts);
 * `question` is set by the question routes once the body is read;
 * `logLevel` by a route whose 5xx is routine (a readiness probe while the index loads).
 */
export type AppEnv = { Variables: { requestId: string; clientRequestId?: string; question?: string; logLevel?: 'info' | 'warn' } };

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const { config } = deps;
  const clientKey = createClientKey({ connectionAddress: deps.clientAddress ?? workersConnectionAddress, trustProxy: config.TRUST_PROXY });
  // Outermost first: every response, errors included, gets an id, a log line and secure headers.
  app.use(createRequestId({ trustProxy: config.TRUST_PROXY }));
  app.use(createRequestLog({ logger: deps.logger, clientKey, logQuestions: config.LOG_QUESTIONS, scope: deps.logScope, now: deps.now }));
  app.use(createSecurityHeaders());
  // A host name the server does not answer for (DNS rebinding) is refused before anything else.
  const site = createSite({ publicUrl: config.PUBLIC_URL, allowedHosts: config.ALLOWED_HOSTS, routedByHost: deps.routedByHost });
  app.use(createHostGuard(site, config.TRUST_PROXY));
  app.use(createMethodNotAllowed(app));
  app.use(createTimeBudget({ ms: requestBudgetMs(config.LLM_TIMEOUT_MS) }));
  // Then the cheapest refusals first: a foreign origin, too many questions, no key, too big a body.
  const originGuard = createOriginGuard({ allowedOrigins: config.WIDGET_ALLOWED_ORIGINS, site });
  for (const path of WIDGET_API_PATHS) app.use(path, originGuard);
  const rateLimit = createRateLimit({ perMinute: config.RATE_LIMIT_PER_MINUTE, clientKey, shared: deps.rateLimit, now: deps.now });
  for (const path of QUESTION_PATHS) app.use(path, rateLimit);
  app.use('/api/*', createApiKeyGuard({ keys: config.API_KEYS, allowedOrigins: config.WIDGET_ALLOWED_ORIGINS, site, logger: deps.logger }));
  app.use('/api/*', createBodyLimits());

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const ready = deps.ready();
    if (!ready) {
      // What a readiness probe expects to hear while the index loads: not an error.
      c.set('logLevel', 'info');
      return c.json({ status: 'starting' }, 503);
    }
    return c.json({ status: 'ready', sources: ready.index.sources.length, chunks: ready.index.chunks.length, embedder: ready.index.embedder.model });
  });

  app.route('/api', createSourcesRoutes(deps));
  app.route('/api', createApiRoutes(deps));
  app.route('/', createWidgetRoutes({ script: deps.widgetScript }));
  app.route('/', createDemoRoutes());
  const slack = createSlackRoutes(deps);
  if (slack) app.route('/slack', slack);

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`, c.get('requestId')), 404));
  app.onError((err, c) => {
    const id = c.get('requestId');
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
      if (err.logLevel) c.set('logLevel', err.logLevel);
      return c.json(errorBody(err.code, err.message, id), err.status);
    }
    deps.logger.error('unhandled error', { requestId: id, error: String(err), stack: (err as Error)?.stack });
    return c.json(errorBody('internal_error', 'Something went wrong on our side; the request id helps us find it.', id), 500);
  });
  return app;
}

export const errorBody = (code: string, message: string, requestId?: string): ErrorBody => ({ error: { code, message }, requestId });

/** Middleware-free guard for routes that need the index. */
export function requireReady(deps: AppDeps): Ready {
  const ready = deps.ready();
  // Expected in the first second after a start: worth a warning, not an error.
  if (!ready) throw new AppError(503, 'not_ready', 'The index is still loading; try again in a moment.', { headers: { 'Retry-After': '1' }, logLevel: 'warn' });
  return ready;
}
