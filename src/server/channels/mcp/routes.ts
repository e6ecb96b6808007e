import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../../env';
import { requireReady } from '../../env';
import { AppError } from '../../errors';
import { createBodyLimit, incompleteBody, QUESTION_BODY_BYTES } from '../../http/body-limit';
import type { Site } from '../../http/hosts';
import { createMcpKeyGuard, createMcpOriginGuard } from './guards';
import { countQuestionCalls, jsonRpcErrorBody, parseMessages } from './json-rpc';
import { createMcpServer } from './server';

export interface McpRouteOptions {
  /** Which origins are the server's own pages (app.ts `createSite`). */
  site: Site;
  /** The origin links are made on (http/public-origin.ts). */
  publicOrigin: (c: Context) => string;
  /** The question rate limit (http/rate-limit.ts), shared with /api: run once per ask or brief call. */
  rateLimit: MiddlewareHandler;
}

const noop = async () => {};

/**
 * `POST /mcp`: the Model Context Protocol over Streamable HTTP, stateless (a fresh server and
 * transport per request, nothing kept between them, so any instance or isolate can answer), JSON
 * responses rather than SSE (every tool answers once). Refusals before the SDK (origin, key, body
 * size, broken JSON, oversized batches, rate limit) are JSON-RPC error bodies with a 4xx status.
 */
export function createMcpRoutes(deps: AppDeps, { site, publicOrigin, rateLimit }: McpRouteOptions) {
  const { config, logger } = deps;
  const app = new Hono<AppEnv>();

  // An MCP client reads errors as JSON-RPC; anything not ours goes on to the app's 500 handler.
  app.onError((err, c) => {
    if (!(err instanceof AppError)) throw err;
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    if (err.logLevel) c.set('logLevel', err.logLevel);
    return c.json(jsonRpcErrorBody(err, c.get('requestId')), err.status);
  });
  app.use(createMcpOriginGuard({ allowedOrigins: config.WIDGET_ALLOWED_ORIGINS, site }));
  app.use(createMcpKeyGuard({ keys: config.API_KEYS, requireKey: config.MCP_REQUIRE_KEY }));

  // The largest valid message is an ask call with a full history: the question routes' bound fits it.
  app.post('/', createBodyLimit(QUESTION_BODY_BYTES), async (c) => {
    const text = await c.req.text().catch((err: unknown) => {
      throw incompleteBody(err);
    });
    const body = parseMessages(text);
    // Charged before anything runs, one token per question: a batch of asks costs what separate asks do.
    for (let i = countQuestionCalls(body); i > 0; i--) await rateLimit(c, noop);
    const ready = requireReady(deps);
    const request = c.req.raw;
    const server = createMcpServer({ ready, origin: publicOrigin(c), signal: request.signal, logger, requestId: c.get('requestId') });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      // Resolves once every request in the body has its response, so closing after it cuts nothing short.
      return await transport.handleRequest(request, { parsedBody: body });
    } finally {
      await server.close();
    }
  });

  // Stateless: no stream to GET and no session to DELETE (the spec's answer for both is 405).
  app.all('/', () => {
    throw new AppError(405, 'method_not_allowed', 'POST JSON-RPC messages to /mcp: this server keeps no sessions and offers no GET stream.', { headers: { Allow: 'POST' } });
  });

  return app;
}
