import { AsyncLocalStorage } from 'node:async_hooks';
import type { ExecutionContext } from 'hono';
import { createApp } from '../../server/app';
import { errorBody, type AppDeps, type Ready } from '../../server/env';
import { ConfigError, parseConfig } from '../../config';
import { createLogger, type LogFields } from '../../core/log';
import { loadWorkerEngine } from './engine';
import { createWorkerState, type StateBindings } from './shared-state';

/** Worker `env`: plain vars and secrets (strings) plus bindings. */
export type WorkerEnv = Record<string, unknown> & StateBindings;

export interface WorkerAppOptions {
  /** The index snapshot (`dist/worker-index.bin`, imported as a Data module). */
  snapshot: ArrayBuffer | Uint8Array;
  /** The widget bundle (`dist/widget.js`, imported as a Text module). */
  widgetScript: string;
  /** The dense-scan kernel (`src/core/search/dot-product.wasm`, imported as a CompiledWasm module); without it, the JS scan. */
  dotProduct?: WebAssembly.Module;
  /** Keeps work alive past the response for whichever request is running (`waitUntil` from `cloudflare:workers`). */
  waitUntil: (work: Promise<unknown>) => void;
}

export type FetchHandler = (request: Request, env: WorkerEnv, ctx: ExecutionContext) => Response | Promise<Response>;

/**
 * The Worker's fetch handler. The app is built on the first request (the env only arrives then) and
 * kept for the isolate's life; the index is decoded the first time a route needs it, so `/healthz`
 * never pays for it. One app serves concurrent requests, which is why background work goes through
 * the runtime's request-scoped `waitUntil` rather than a captured `ctx`.
 */
export function createWorkerFetch(options: WorkerAppOptions): FetchHandler {
  let app: { fetch: FetchHandler } | undefined;
  return (request, env, ctx) => {
    app ??= buildApp(env, options);
    return app.fetch(request, env, ctx);
  };
}

function buildApp(env: WorkerEnv, { snapshot, widgetScript, waitUntil, dotProduct }: WorkerAppOptions): { fetch: FetchHandler } {
  let config;
  try {
    config = parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return misconfigured(err);
    throw err;
  }
  // The request being served, so every log line written for it carries its id (the nodejs_als
  // flag provides AsyncLocalStorage without the rest of Node's compatibility layer).
  const requestFields = new AsyncLocalStorage<LogFields>();
  const logger = createLogger({ level: config.LOG_LEVEL, context: () => requestFields.getStore() });
  const deps: AppDeps = {
    config,
    logger,
    ready: memoise(() => {
      const engine = loadWorkerEngine({ snapshot, config, logger, dotProduct });
      const { index } = engine;
      logger.info('ready', { sources: index.sources.length, chunks: index.chunks.length, embedder: engine.embedder.model, kernel: index.dense.kernel, ...engine.meta });
      return engine;
    }),
    waitUntil: (work) => waitUntil(work.catch((err: unknown) => logger.error('background task failed', { error: String(err) }))),
    state: createWorkerState(env, logger),
    widgetScript: () => widgetScript,
    // Cloudflare sets it on every request, overwriting any the client sent.
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
    logScope: (fields, run) => requestFields.run(fields, run),
    // Cloudflare hands the Worker only requests for its own routes, so a rebinding name never arrives.
    routedByHost: true,
    // Left to its default: fetch (the global one).
  };
  return createApp(deps);
}

/** Loads once; a load that failed keeps failing with the same error (logged by the app's error handler) rather than retrying per request. */
function memoise(load: () => Ready): () => Ready {
  let outcome: { ready: Ready } | { error: unknown } | undefined;
  return () => {
    outcome ??= attempt(load);
    if ('error' in outcome) throw outcome.error;
    return outcome.ready;
  };
}

function attempt(load: () => Ready): { ready: Ready } | { error: unknown } {
  try {
    return { ready: load() };
  } catch (error) {
    return { error };
  }
}

/** Bad settings answer 500 everywhere; the message (which may quote a secret's value) goes to the log only. */
function misconfigured(err: ConfigError): { fetch: FetchHandler } {
  return {
    fetch: () => {
      console.error(err.message);
      return Response.json(errorBody('misconfigured', 'The server is misconfigured; its log names the setting.'), { status: 500 });
    },
  };
}
