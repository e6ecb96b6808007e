import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus/load-corpus';
import { createLexicalEmbedder } from '../../../src/core/embed/lexical';
import { encodeSnapshot } from '../../../src/core/ingest/snapshot';
import { buildIndexData } from '../../../src/core/ingest/index-data';
import { readCorpusFiles } from '../../../src/runtime/node/read-corpus';
import { loadDotProduct } from '../../../src/runtime/node/dot-product';
import { createWorkerFetch, type WorkerEnv } from '../../../src/runtime/worker/app';

/** The Worker's glue, driven in Node with a fake env: what workerd would hand it, minus workerd. */
describe('Worker fetch handler (src/runtime/worker/app.ts)', () => {
  let snapshot: Uint8Array;
  beforeAll(async () => {
    snapshot = encodeSnapshot((await buildIndexData(loadCorpus(await readCorpusFiles('corpus')), createLexicalEmbedder())).data);
  });
  afterEach(() => vi.restoreAllMocks());

  const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} };
  const handler = (bytes: Uint8Array = snapshot) => createWorkerFetch({ snapshot: bytes, widgetScript: '/* widget */', waitUntil: () => {} });
  const call = (fetch: ReturnType<typeof handler>, path: string, env: WorkerEnv = {}) => fetch(new Request(`http://worker${path}`), env, ctx);
  const logged = () => vi.spyOn(console, 'log').mockImplementation(() => {});

  it('answers /healthz without decoding the index, so a broken bundle still shows the Worker is up', async () => {
    const lines = logged();
    const fetch = handler(new TextEncoder().encode('not a snapshot'));
    expect((await call(fetch, '/healthz')).status).toBe(200);
    const ready = await call(fetch, '/readyz');
    expect(ready.status).toBe(500);
    expect(lines.mock.calls.flat().join('\n')).toMatch(/bad magic/);
  });

  it('decodes the index once per isolate, on the first route that needs it', async () => {
    logged();
    const fetch = handler();
    expect(await (await call(fetch, '/readyz')).json()).toMatchObject({ status: 'ready', sources: 26 });
    const decode = vi.spyOn(JSON, 'parse');
    await call(fetch, '/readyz');
    await call(fetch, '/api/sources');
    expect(decode).not.toHaveBeenCalled();
  });

  it('tags every log line written while serving a request with its request id', async () => {
    const lines = logged();
    const res = await call(handler(), '/readyz');
    const ready = lines.mock.calls.map(([line]) => JSON.parse(String(line))).find((l) => l.msg === 'ready');
    expect(ready.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('scans with the WebAssembly kernel when handed the module, and names the kernel in the ready log', async () => {
    const lines = logged();
    for (const dotProduct of [loadDotProduct(), undefined]) {
      await call(createWorkerFetch({ snapshot, widgetScript: '', waitUntil: () => {}, dotProduct }), '/readyz');
    }
    const ready = lines.mock.calls.map(([line]) => JSON.parse(String(line))).filter((l) => l.msg === 'ready');
    expect(ready.map((l) => l.kernel)).toEqual(['wasm-simd', 'js']);
  });

  it('refuses to serve an index built by another embedder than EMBEDDER names, saying how to rebuild', async () => {
    const lines = logged();
    const res = await call(handler(), '/readyz', { EMBEDDER: 'openai', OPENAI_API_KEY: 'sk-test' });
    expect(res.status).toBe(500);
    expect(lines.mock.calls.flat().join('\n')).toMatch(/EMBEDDER=openai npm run build:worker/);
  });

  it('answers 500 to a bad setting without echoing its value, which may be a secret', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await call(handler(), '/healthz', { OPENAI_BASE_URL: 'sk-live-not-a-url' });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toContain('misconfigured');
    expect(text).not.toContain('sk-live');
    expect(errors.mock.calls.flat().join('\n')).toMatch(/OPENAI_BASE_URL/);
  });

  it('serves the widget string it was given', async () => {
    logged();
    const res = await call(handler(), '/widget.js');
    expect(await res.text()).toBe('/* widget */');
  });
});
