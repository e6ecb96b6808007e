import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app';
import { type AppEnv } from '../../../src/server/env';
import { parseConfig } from '../../../src/config';
import { createTimeBudget, requestBudgetMs } from '../../../src/server/http/time-budget';
import { silentLogger } from '../../../src/core/log';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The app's own error handling around a route that takes `ms` to answer, under a 50 ms budget. */
function appWithBudget(route: (app: Hono<AppEnv>) => void) {
  const app = createApp({ config: parseConfig({}), logger: silentLogger, ready: () => undefined, waitUntil: () => {} });
  const slow = new Hono<AppEnv>();
  slow.use(createTimeBudget({ ms: 50 }));
  route(slow);
  // Mounted under the real app so errors take the one JSON path.
  app.route('/t', slow);
  return app;
}

describe('per-request time budget', () => {
  it('answers 503 timeout as JSON, with Retry-After, when the response has not started in time', async () => {
    const app = appWithBudget((a) => a.get('/slow', async (c) => (await sleep(500), c.text('late'))));
    const started = Date.now();
    const res = await app.request('/t/slow');
    expect(Date.now() - started).toBeLessThan(400);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ error: { code: 'timeout' }, requestId: res.headers.get('x-request-id') });
  });

  it('lets a fast response through untouched', async () => {
    const app = appWithBudget((a) => a.get('/fast', (c) => c.text('ok')));
    const res = await app.request('/t/fast');
    expect([res.status, await res.text()]).toEqual([200, 'ok']);
  });

  it('never cuts a stream that has started, however long it then runs', async () => {
    const app = appWithBudget((a) =>
      a.get('/stream', (c) =>
        streamSSE(c, async (sse) => {
          for (let i = 0; i < 4; i++) {
            await sse.writeSSE({ event: 'tick', data: String(i) });
            await sleep(40);
          }
        }),
      ),
    );
    const res = await app.request('/t/stream');
    expect(res.status).toBe(200);
    expect((await res.text()).match(/event: tick/g)).toHaveLength(4); // 160 ms, over three budgets
  });

  it('gives a request the model’s budget plus room for the extractive fallback', () => {
    expect(requestBudgetMs(20_000)).toBe(30_000);
  });
});
