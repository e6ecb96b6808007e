import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, SERVER_ENTRY } from '../../../scripts/build-server';
import { FROM_SOURCES, startServer, type RunningServer } from '../../helpers/start-server';

// Its own folder in dist/, not npm start's: a test run must not replace a bundle someone is serving.
const BUNDLE_DIR = 'dist/test/node';
const readyLine = (s: RunningServer) => s.logs.find((l) => l.includes('"msg":"ready"'));

describe.each([
  { runs: `npm start: ${SERVER_ENTRY} bundled`, nodeArgs: async () => ['--enable-source-maps', await buildServer(SERVER_ENTRY, BUNDLE_DIR)] },
  { runs: `npm run dev: ${SERVER_ENTRY} through tsx`, nodeArgs: async () => FROM_SOURCES },
])('$runs', ({ nodeArgs }) => {
  let server: RunningServer;
  let args: string[];
  const start = (env: Record<string, string> = {}) => startServer(env, { args });
  beforeAll(async () => {
    args = await nodeArgs();
    // Two answer threads, whatever the machine's cores: questions cross to them and back.
    server = await start({ ANSWER_THREADS: '2' });
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

  // The files it reads from the project's folder, wherever its code runs from.
  it('finds the dense kernel and the widget sources', async () => {
    expect(readyLine(server)).toContain('"kernel":"wasm-simd"');
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('iskp-briefing');
  });

  it('answers on two threads as it answers on the event loop (ANSWER_THREADS=0)', async () => {
    expect(readyLine(server)).toContain('"answerThreads":2');
    const inProcess = await start({ ANSWER_THREADS: '0' });
    try {
      expect(readyLine(inProcess)).toContain('"answerThreads":0');
      // Each server makes citation links on its own origin: compared without it.
      const ask = async (url: string, question: string) =>
        JSON.parse((await (await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) })).text()).replaceAll(url, ''));
      for (const question of ['What does the author recommend?', 'Write a poem about the Taliban.']) {
        expect(await ask(server.url, question)).toEqual(await ask(inProcess.url, question));
      }
    } finally {
      await inProcess.stop();
    }
  });

  it('exits cleanly on SIGTERM', async () => {
    const extra = await start();
    expect(await extra.stop('SIGTERM')).toBe(0);
  });

  it('refuses to start with a bad variable, naming it', async () => {
    await expect(start({ PORT: 'not-a-port' })).rejects.toThrow(/PORT/);
  });
});
