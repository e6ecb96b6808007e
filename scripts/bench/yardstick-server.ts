/**
 * The yardstick for the ratio: the app as `npm start` wires it (every middleware, the request log
 * on AsyncLocalStorage, the same Node HTTP server, the index loaded), plus one route,
 * `GET /busy/:us`, that computes for `us` microseconds and then answers as `/healthz` does.
 * A route that does exactly N microseconds more work than `/healthz` should read
 * healthz / (healthz + N) of its throughput; what this load generator on this machine actually
 * reads for it is what an answer costing the same would read.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../../src/server/app';
import { type Ready } from '../../src/server/env';
import { parseConfig } from '../../src/config';
import { createLogger, type LogFields } from '../../src/core/log';
import { loadNodeEngine } from '../../src/runtime/node/engine';

const config = parseConfig(process.env);
const requestFields = new AsyncLocalStorage<LogFields>();
const logger = createLogger({ level: config.LOG_LEVEL, context: () => requestFields.getStore() });
// Loaded as the app's server loads it: a process holding the index costs more per request than
// one without (in one run, /healthz at 109 µs without it against the app's 157), and the
// yardstick must cost what the app costs.
const { index, answerer } = await loadNodeEngine(config, logger);
const ready: Ready = { index, answerer };
const app = createApp({
  config,
  logger,
  ready: () => ready,
  waitUntil: () => {},
  clientAddress: (c) => getConnInfo(c).remote.address,
  logScope: (fields, run) => requestFields.run(fields, run),
});
app.get('/busy/:us', (c) => {
  // A clock loop, not arithmetic: its cost is the time asked for, whatever the JIT makes of it,
  // and it touches no memory, so it adds work without adding to what the caches must hold.
  const until = performance.now() + Number(c.req.param('us')) / 1000;
  while (performance.now() < until);
  return c.json({ status: 'ok' });
});
serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT });
