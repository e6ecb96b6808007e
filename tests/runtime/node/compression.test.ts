import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { streamSSE } from 'hono/streaming';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompression, MIN_COMPRESS_BYTES } from '../../../src/runtime/node/compression';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 97} and ISKP ${i}`).join(' ');
const BIG = { answer: words(300) };
const HUGE = { answer: words(8_000) };
const CSS = `.a { color: red; }\n${'.rule { margin: 0 auto; padding: 1rem; }\n'.repeat(200)}`;
const EVENT_GAP_MS = 300;

/** A Hono app behind the compression middleware, on @hono/node-server as the Node entry runs it. */
function appUnderTest(emitted: number[]) {
  const app = new Hono();
  app.use(createCompression());
  app.get('/big.json', (c) => c.json(BIG));
  app.get('/huge.json', (c) => c.json(HUGE));
  app.get('/tiny.json', (c) => c.json({ status: 'ok' }));
  app.get('/image.png', (c) => c.body(new Uint8Array(4096).fill(7), 200, { 'Content-Type': 'image/png' }));
  app.get('/encoded.json', (c) => c.body(brotliCompressSync(JSON.stringify(BIG)), 200, { 'Content-Type': 'application/json', 'Content-Encoding': 'br' }));
  app.get('/no-transform.json', (c) => c.json(BIG, 200, { 'Cache-Control': 'no-transform' }));
  app.get('/cors.json', (c) => c.json(BIG, 200, { Vary: 'Origin' }));
  app.get('/asset.css', etag(), (c) => c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', ETag: '"v1"' }));
  app.post('/events', (c) =>
    streamSSE(c, async (sse) => {
      for (let i = 0; i < 4; i++) {
        emitted.push(Date.now());
        await sse.writeSSE({ event: 'tick', data: JSON.stringify({ i, text: words(20) }) });
        if (i < 3) await sleep(EVENT_GAP_MS);
      }
    }),
  );
  return app;
}

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request by node:http, which decodes nothing: the bytes as they went over the wire. */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const decoded = (r: Raw) => {
  const coding = r.headers['content-encoding'];
  return (coding === 'br' ? brotliDecompressSync(r.body) : coding === 'gzip' ? gunzipSync(r.body) : r.body).toString();
};

describe('compression on Node (createCompression on @hono/node-server)', () => {
  let server: Server;
  let url: string;
  const emitted: number[] = [];
  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: appUnderTest(emitted).fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        url = `http://127.0.0.1:${info.port}`;
        resolve();
      }) as Server;
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers br to a client that takes br, gzip to one that takes only gzip, with the compressed Content-Length', async () => {
    for (const [accept, coding] of [['br, gzip', 'br'], ['gzip, deflate', 'gzip'], ['gzip;q=1, br;q=0.5', 'gzip']] as const) {
      const res = await raw(`${url}/big.json`, { 'accept-encoding': accept });
      expect(res.headers['content-encoding'], accept).toBe(coding);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.length).toBeLessThan(JSON.stringify(BIG).length / 3);
      expect(JSON.parse(decoded(res))).toEqual(BIG);
      expect(res.headers.vary).toBe('Accept-Encoding');
    }
  });

  it('sends the body as it is without Accept-Encoding, or when every coding is q=0, still saying it varies', async () => {
    const requests: Record<string, string>[] = [{}, { 'accept-encoding': 'br;q=0, gzip;q=0' }, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'gzip;q=0.5, identity' }];
    for (const headers of requests) {
      const res = await raw(`${url}/big.json`, headers);
      expect(res.headers['content-encoding'], JSON.stringify(headers)).toBeUndefined();
      expect(JSON.parse(res.body.toString())).toEqual(BIG);
      expect(res.headers.vary).toBe('Accept-Encoding');
    }
  });

  it(`leaves a body under ${MIN_COMPRESS_BYTES} bytes alone, unless the client refused identity`, async () => {
    const tiny = await raw(`${url}/tiny.json`, { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('{"status":"ok"}');
    expect(tiny.headers.vary).toBe('Accept-Encoding');
    const refused = await raw(`${url}/tiny.json`, { 'accept-encoding': 'gzip, identity;q=0' });
    expect(refused.headers['content-encoding']).toBe('gzip');
    expect(decoded(refused)).toBe('{"status":"ok"}');
  });

  it('compresses a large body off the event loop, to the same result', async () => {
    const res = await raw(`${url}/huge.json`, { 'accept-encoding': 'br' });
    expect(JSON.stringify(HUGE).length).toBeGreaterThan(64 * 1024);
    expect(res.headers['content-encoding']).toBe('br');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(JSON.parse(decoded(res))).toEqual(HUGE);
  });

  it('never compresses twice, nor an image, nor a response that forbids transforming it', async () => {
    const encoded = await raw(`${url}/encoded.json`, { 'accept-encoding': 'gzip' });
    expect(encoded.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decoded(encoded))).toEqual(BIG);
    const image = await raw(`${url}/image.png`, { 'accept-encoding': 'br, gzip' });
    expect([image.headers['content-encoding'], image.headers.vary, image.body.length]).toEqual([undefined, undefined, 4096]);
    const kept = await raw(`${url}/no-transform.json`, { 'accept-encoding': 'br, gzip' });
    expect(kept.headers['content-encoding']).toBeUndefined();
  });

  it('adds Accept-Encoding to a Vary the route set', async () => {
    expect((await raw(`${url}/cors.json`, { 'accept-encoding': 'br' })).headers.vary).toBe('Origin, Accept-Encoding');
  });

  it('answers HEAD with the headers GET gets, and no body', async () => {
    const get = await raw(`${url}/big.json`, { 'accept-encoding': 'br' });
    const head = await raw(`${url}/big.json`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-encoding', 'content-length', 'vary', 'content-type']) expect(head.headers[name], name).toBe(get.headers[name]);
  });

  it('compresses a response with a strong ETag once, at the best quality, and tags each representation', async () => {
    const first = await raw(`${url}/asset.css`, { 'accept-encoding': 'br' });
    expect(first.headers['content-encoding']).toBe('br');
    expect(decoded(first)).toBe(CSS);
    const best = brotliCompressSync(CSS, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: CSS.length } });
    expect(first.body.equals(best)).toBe(true);
    expect((await raw(`${url}/asset.css`, { 'accept-encoding': 'br' })).body.equals(first.body)).toBe(true);
    expect(first.headers.etag).toBe('"v1-br"');
    expect((await raw(`${url}/asset.css`, { 'accept-encoding': 'gzip' })).headers.etag).toBe('"v1-gzip"');
    expect((await raw(`${url}/asset.css`)).headers.etag).toBe('"v1"');
  });

  it('revalidates each representation by its own ETag: a 304 naming it, varying by Accept-Encoding', async () => {
    const compressed = await raw(`${url}/asset.css`, { 'accept-encoding': 'br', 'if-none-match': '"v1-br"' });
    expect([compressed.status, compressed.headers.etag, compressed.headers.vary, compressed.body.length]).toEqual([304, '"v1-br"', 'Accept-Encoding', 0]);
    const plain = await raw(`${url}/asset.css`, { 'if-none-match': '"v1"' });
    expect([plain.status, plain.headers.etag]).toEqual([304, '"v1"']);
    // A gzip copy is not the br representation: revalidating it while taking br gets the br body.
    const other = await raw(`${url}/asset.css`, { 'accept-encoding': 'br', 'if-none-match': '"v1-gzip"' });
    expect([other.status, other.headers.etag]).toEqual([200, '"v1-br"']);
  });

  it('sends each event of a stream as it is written, compressed and flushed (br and gzip)', async () => {
    for (const accept of ['br, gzip', 'gzip']) {
      emitted.length = 0;
      const res = await fetch(`${url}/events`, { method: 'POST', headers: { 'accept-encoding': accept } });
      expect(res.headers.get('content-encoding')).toBe(accept.startsWith('br') ? 'br' : 'gzip');
      expect(res.headers.get('content-length')).toBeNull();
      const arrived: number[] = [];
      let text = '';
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
        while (arrived.length < (text.match(/\n\n/g)?.length ?? 0)) arrived.push(Date.now());
      }
      expect(text.match(/event: tick/g)).toHaveLength(4);
      expect(arrived).toHaveLength(4);
      // The first event is in the client's hands before the server has written the last.
      expect(arrived[0]!).toBeLessThan(emitted[3]!);
      // Each one arrives well within the gap before the next is written: nothing waits in a buffer.
      for (let i = 0; i < 4; i++) expect(arrived[i]! - emitted[i]!, `event ${i}`).toBeLessThan(EVENT_GAP_MS * 0.8);
    }
  });
});
