import { AsyncLocalStorage } from 'node:async_hooks';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../../server/app';
import { type Ready } from '../../server/env';
import { ConfigError, parseConfig } from '../../config';
import { loadWidgetScript } from './build-widget';
import { createLogger, type LogFields } from '../../core/log';
import { answerThreadCount, startAnswerThreads } from './answer-threads';
import { bodyReceived, clientTimeouts } from './client-timeouts';
import { createCompression } from './compression';
import { CONNECTION_LIMITS, limitConnections } from './connection-limits';
import { createNodeState } from './shared-state';

/** Node entry point: parse the environment, listen at once (so /healthz answers), then load the index. */
let config;
try {
  config = parseConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
// The request being served, so every log line written for it carries its id.
const requestFields = new AsyncLocalStorage<LogFields>();
const logger = createLogger({ level: config.LOG_LEVEL, context: () => requestFields.getStore() });
let ready: Ready | undefined;
const shared = createNodeState({ config, logger });
if (config.REDIS_URL) shared.ready.then(() => logger.info('shared state in redis'), (err) => logger.warn('redis not reachable yet: state stays in this process until it is', { error: String(err) }));
const pending = new Set<Promise<unknown>>();

const app = createApp({
  config,
  logger,
  ready: () => ready,
  waitUntil: (work) => {
    const p = work.catch((err) => logger.error('background task failed', { error: String(err) })).finally(() => pending.delete(p));
    pending.add(p);
  },
  state: shared.state,
  widgetScript: loadWidgetScript(logger),
  clientAddress: (c) => getConnInfo(c).remote.address,
  logScope: (fields, run) => requestFields.run(fields, run),
  compression: createCompression(),
  bodyReceived,
});

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, serverOptions: clientTimeouts(config.CLIENT_TIMEOUT_MS) }, (info) => {
  logger.info('listening', { url: `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}` });
});
// Behind a proxy every connection is the proxy's: only the total is limited, the proxy limits each client.
limitConnections(server as Server, { ...CONNECTION_LIMITS, perClient: config.TRUST_PROXY ? 0 : CONNECTION_LIMITS.perClient, logger });

// Answer threads start before the index store is imported: each takes a moment to load its code.
const threads = answerThreadCount(config);
const answerThreads = threads > 0 ? startAnswerThreads({ threads, config, logger }) : undefined;

// Imported only now: the index store (vectra, and the language model it loads) takes most of a
// second to import, and /healthz should answer without waiting for it.
import('./engine')
  .then(({ loadNodeServing }) => loadNodeServing(config, logger, answerThreads))
  .then(
    ({ index, answerer, fields }) => {
      ready = { index, answerer };
      logger.info('ready', fields);
    },
    (err) => {
      logger.error('could not load the index', { error: String(err) });
      process.exit(1);
    },
  );

// Drain: stop accepting, let in-flight requests and background answers finish, then exit.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info('shutting down', { signal, inFlightBackground: pending.size });
    server.close(() => {
      void Promise.allSettled([...pending])
        .then(() => shared.close())
        .then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
