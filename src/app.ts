import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { Answerer } from './answer/types';
import { createApiRoutes } from './channels/api/routes';
import { createSourcesRoutes } from './channels/api/sources';
import type { Config } from './config';
import type { ErrorBody } from './errors';
import { AppError } from './errors';
import type { SearchIndex } from './index/search-index';
import type { Logger } from './log';

/** What the app needs once the index is loaded. */
export interface Ready {
  index: SearchIndex;
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
  now?: () => number;
}

export type AppEnv = { Variables: { requestId: string; ready: Ready } };

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use(requestId());

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const ready = deps.ready();
    if (!ready) return c.json({ status: 'starting' }, 503);
    return c.json({ status: 'ready', sources: ready.index.sources.length, chunks: ready.index.chunks.length, embedder: ready.index.embedder.model });
  });

  app.route('/api', createSourcesRoutes(deps));
  app.route('/api', createApiRoutes(deps));

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`, c.get('requestId')), 404));
  app.onError((err, c) => {
    const id = c.get('requestId');
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
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
  if (!ready) throw new AppError(503, 'not_ready', 'The index is still loading; try again in a moment.', { headers: { 'Retry-After': '1' } });
  return ready;
}
