import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/start-server';

describe('npm start (src/runtime/node.ts)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers /healthz and reports ready with the whole corpus indexed', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await (await fetch(`${server.url}/readyz`)).json();
    expect(ready).toMatchObject({ status: 'ready', sources: 26 });
  });

  it('answers a question over HTTP with a cited source', async () => {
    const res = await fetch(`${server.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Which references did the CTC Sentinel publish?' }),
    });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.citations.map((c: { sourceId: string }) => c.sourceId).sort()).toEqual(['hamming-2023', 'jadoon-2023']);
  });

  it('exits cleanly on SIGTERM', async () => {
    const extra = await startServer();
    expect(await extra.stop('SIGTERM')).toBe(0);
  });

  it('refuses to start with a bad variable, naming it', async () => {
    await expect(startServer({ PORT: 'not-a-port' })).rejects.toThrow(/PORT/);
  });
});
