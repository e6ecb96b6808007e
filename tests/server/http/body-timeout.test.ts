import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createBodyTimeout } from '../../../src/server/http/body-timeout';
import { httpApp, post, SERVER } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A request whose body sends its first bytes and then nothing more, as a stalled client's does. */
const stalled = (path: string) => {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"question":"IS'));
    },
  });
  return new Request(`${SERVER}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '40' }, body, duplex: 'half' } as RequestInit);
};

describe('the body deadline (CLIENT_TIMEOUT_MS)', () => {
  it('answers a body still arriving at the deadline with 408 request_timeout as JSON, Connection: close, logged at info', async () => {
    const { send, logs } = await httpApp({ CLIENT_TIMEOUT_MS: '150', RATE_LIMIT_PER_MINUTE: '0' }, { bodyReceived: () => false });
    for (const path of ['/api/ask', '/v1/chat/completions']) {
      const started = Date.now();
      const res = await send(stalled(path));
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(res.status).toBe(408);
      expect(res.headers.get('connection')).toBe('close');
      const body = (await res.json()) as { error: { code: string; message: string } };
      // /v1 words its errors in OpenAI's shape, with the same code.
      expect(JSON.stringify(body)).toContain('request_timeout');
    }
    const lines = logs.filter((l) => l.msg === 'request');
    expect(lines.map((l) => [l.status, l.level])).toEqual([
      [408, 'info'],
      [408, 'info'],
    ]);
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('stops the clock once the body has arrived: a slow route after it is the answer budget’s business', async () => {
    let arrived = false;
    const app = new Hono();
    app.use(createBodyTimeout({ ms: 50, received: () => arrived }));
    app.post('/slow', async (c) => {
      arrived = true;
      await sleep(200);
      return c.text('answered');
    });
    const res = await app.request('/slow', { method: 'POST', body: 'x' });
    expect([res.status, await res.text()]).toEqual([200, 'answered']);
  });

  it('has no deadline for a request without a body, nor where the runtime cannot tell (Workers)', async () => {
    const app = new Hono();
    app.use(createBodyTimeout({ ms: 50, received: () => false }));
    app.get('/slow', async (c) => (await sleep(150), c.text('ok')));
    expect((await app.request('/slow')).status).toBe(200);
    const workers = new Hono();
    workers.use(createBodyTimeout({ ms: 50 }));
    workers.post('/slow', async (c) => (await sleep(150), c.text('ok')));
    expect((await workers.request('/slow', { method: 'POST', body: 'x' })).status).toBe(200);
  });

  it('leaves a body that breaks off the client’s 400 incomplete_body, as before', async () => {
    const { send } = await httpApp({ CLIENT_TIMEOUT_MS: '5000', RATE_LIMIT_PER_MINUTE: '0' }, { bodyReceived: () => false });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"question":"IS'));
        controller.error(new Error('aborted'));
      },
    });
    const res = await send(new Request(`${SERVER}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('incomplete_body');
  });

  it('lets a complete question through untouched', async () => {
    const { send } = await httpApp({ CLIENT_TIMEOUT_MS: '100', RATE_LIMIT_PER_MINUTE: '0' }, { bodyReceived: () => true });
    expect((await send(post('/api/ask', { question: 'Who wrote the paper?' }))).status).toBe(200);
  });
});
