import { Hono } from 'hono';
import { createOpenApiRoutes } from './channels/api/openapi-route';
import { createApiRoutes } from './channels/api/routes';
import { createSourcesRoutes } from './channels/api/sources';
import { BRIEF_PAGE_PATH, createBriefPageRoutes } from './channels/brief-page/routes';
import { createMcpRoutes } from './channels/mcp/routes';
import { createSlackRoutes } from './channels/slack/routes';
import { createSourcePagesRoutes } from './channels/source-pages/routes';
import { createOpenAiErrors } from './channels/openai/errors';
import { createOpenAiRoutes } from './channels/openai/routes';
import { createDemoRoutes } from './channels/widget/demo-page';
import { createWidgetRoutes } from './channels/widget/routes';
import { errorBody, type AppDeps, type AppEnv } from './env';
import { createFeedbackRoutes } from './feedback/routes';
import { AppError } from './errors';
import { createApiKeyGuard, createBearerKeyGuard } from './http/api-keys';
import { createBodyLimits } from './http/body-limit';
import { createBodyTimeout } from './http/body-timeout';
import { createClientKey, workersConnectionAddress } from './http/client-key';
import { createHostGuard, createSite } from './http/hosts';
import { createMethodNotAllowed } from './http/method-not-allowed';
import { createOriginGuard, WIDGET_API_PATHS } from './http/origins';
import { createRateLimit, QUESTION_PATHS } from './http/rate-limit';
import { createPublicOrigin } from './http/public-origin';
import { createRequestId } from './http/request-id';
import { createRequestLog } from './http/request-log';
import { createSecurityHeaders } from './http/security-headers';
import { createTimeBudget, requestBudgetMs } from './http/time-budget';
import { createMemoryState } from './state/memory-state';

/** The Hono app: middleware in order, the channels mounted, one JSON error handler. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const { config } = deps;
  const state = deps.state ?? createMemoryState({ now: deps.now });
  const clientKey = createClientKey({ connectionAddress: deps.clientAddress ?? workersConnectionAddress, trustProxy: config.TRUST_PROXY });
  // Outermost first: every response, errors included, gets an id, a log line and secure headers.
  app.use(createRequestId({ trustProxy: config.TRUST_PROXY }));
  app.use(createRequestLog({ logger: deps.logger, clientKey, logQuestions: config.LOG_QUESTIONS, scope: deps.logScope, now: deps.now }));
  // Inside the log (its time counts) and outside everything that shapes a response, errors included.
  if (deps.compression) app.use(deps.compression);
  app.use(createSecurityHeaders());
  // OpenAI's clients read errors in OpenAI's shape: every refusal below, on /v1, is rewritten into it.
  app.use('/v1/*', createOpenAiErrors());
  // A host name the server does not answer for (DNS rebinding) is refused before anything else.
  const site = createSite({ publicUrl: config.PUBLIC_URL, allowedHosts: config.ALLOWED_HOSTS, routedByHost: deps.routedByHost });
  app.use(createHostGuard(site, config.TRUST_PROXY));
  app.use(createMethodNotAllowed(app));
  app.use(createTimeBudget({ ms: requestBudgetMs(config.LLM_TIMEOUT_MS) }));
  // A body still arriving is the client's failure (408), on a shorter clock than the answer's budget.
  app.use(createBodyTimeout({ ms: config.CLIENT_TIMEOUT_MS, received: deps.bodyReceived }));
  // Then the cheapest refusals first: a foreign origin, too many questions, no key, too big a body.
  const originGuard = createOriginGuard({ allowedOrigins: config.WIDGET_ALLOWED_ORIGINS, site });
  for (const path of WIDGET_API_PATHS) app.use(path, originGuard);
  const rateLimit = createRateLimit({ perMinute: config.RATE_LIMIT_PER_MINUTE, clientKey, take: state.take });
  for (const path of [...QUESTION_PATHS, BRIEF_PAGE_PATH]) app.use(path, rateLimit);
  app.use('/api/*', createApiKeyGuard({ keys: config.API_KEYS, allowedOrigins: config.WIDGET_ALLOWED_ORIGINS, site, logger: deps.logger }));
  app.use('/api/*', createBodyLimits());
  // /v1's clients are programs holding a key: no exception for pages.
  app.use('/v1/*', createBearerKeyGuard({ keys: config.API_KEYS }));
  app.use('/v1/*', createBodyLimits());

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

  // Only with API_KEYS: the votes are never open.
  const feedback = createFeedbackRoutes(deps, state.feedback);
  if (feedback) app.route('/api', feedback);
  app.route('/api', createSourcesRoutes(deps));
  const publicOrigin = createPublicOrigin({ publicUrl: config.PUBLIC_URL, trustProxy: config.TRUST_PROXY });
  app.route('/api', createApiRoutes(deps, publicOrigin));
  app.route('/v1', createOpenAiRoutes(deps, publicOrigin));
  app.route('/', createOpenApiRoutes());
  app.route('/', createWidgetRoutes({ script: deps.widgetScript }));
  app.route('/', createDemoRoutes());
  app.route('/', createBriefPageRoutes(deps));
  app.route('/', createSourcePagesRoutes(deps));
  app.route('/mcp', createMcpRoutes(deps, { site, publicOrigin, rateLimit }));
  const slack = createSlackRoutes(deps, state);
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

