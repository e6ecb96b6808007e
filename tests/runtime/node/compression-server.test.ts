import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackModel } from '../../core/answer/llm/loopback-model';
import { numberOf, type ChatBody } from '../../core/answer/llm/openai-wire';
import { connectMcp, firstText } from '../../helpers/mcp-client';
import { startServer, type RunningServer } from '../../helpers/start-server';

const QUESTION = "What is ISKP's strategy, and is it still a danger?";
const answer = (b: ChatBody) =>
  `ISKP is reorganizing but still presents a danger in Central Asia [${numberOf(b, 'still presents a danger in Central Asia')}]. ` +
  `Its strategy interlinks media warfare and kinetic action at the regional and international level [${numberOf(b, 'strategy on a regional and international level')}].`;
const BR_GZIP = { 'accept-encoding': 'br, gzip' };

/** One request by node:http, which decodes nothing: status, headers and the bytes' count as they went over the wire. */
function wire(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Each SSE event's data as it is decoded, with when it arrived. */
async function readEvents(res: Response): Promise<{ data: string; at: number }[]> {
  const events: { data: string; at: number }[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf('\n\n')) !== -1) {
      events.push({ data: /^data: ?(.*)$/m.exec(buffer.slice(0, cut))?.[1] ?? '', at: Date.now() });
      buffer = buffer.slice(cut + 2);
    }
  }
}

describe('npm start compresses (Accept-Encoding: br, gzip) and caches its assets', () => {
  let model: Awaited<ReturnType<typeof startLoopbackModel>>;
  let server: RunningServer;
  const post = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...BR_GZIP }, body: JSON.stringify(body) });

  beforeAll(async () => {
    model = await startLoopbackModel();
    server = await startServer({ OPENAI_BASE_URL: model.baseURL, OPENAI_API_KEY: 'test', LLM_MODEL: 'stand-in', LLM_TIMEOUT_MS: '3000', RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(async () => {
    await server?.stop();
    await model?.close();
  });

  it('curl -sI -H "accept-encoding: br" /widget.js: br, its own ETag, a short cache; that ETag revalidates to a 304', async () => {
    const head = await wire(`${server.url}/widget.js`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers.vary).toBe('Accept-Encoding');
    expect(head.headers['cache-control']).toBe('public, max-age=300');
    expect(head.headers.etag).toMatch(/^"[0-9a-f]{32}-br"$/);
    const get = await wire(`${server.url}/widget.js`, { 'accept-encoding': 'br' });
    const plain = await wire(`${server.url}/widget.js`, {});
    expect([get.headers['content-length'], get.headers.etag]).toEqual([head.headers['content-length'], head.headers.etag]);
    expect(get.bytes).toBe(Number(get.headers['content-length']));
    expect(get.bytes).toBeLessThan(plain.bytes / 2.5);
    expect(plain.headers.etag).toBe(head.headers.etag!.replace('-br"', '"'));
    const revalidated = await wire(`${server.url}/widget.js`, { 'accept-encoding': 'br', 'if-none-match': head.headers.etag! });
    expect([revalidated.status, revalidated.headers.etag, revalidated.bytes]).toEqual([304, head.headers.etag, 0]);
  });

  it('serves the demo page’s assets at the versioned URLs it references, immutable for a year; the page itself revalidates', async () => {
    const page = await fetch(`${server.url}/`, { headers: BR_GZIP });
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const urls = [...html.matchAll(/(?:href|src)="(\/demo\.(?:css|js)\?v=[0-9a-f]{16})"/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(2);
    for (const url of urls) {
      const res = await fetch(`${server.url}${url}`, { headers: BR_GZIP });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const unversioned = await fetch(`${server.url}/demo.css`, { headers: BR_GZIP });
    expect(unversioned.headers.get('cache-control')).toBe('public, max-age=300');
    expect(unversioned.headers.get('content-encoding')).toBe('br');
  });

  it('compresses an API answer and says it varies', async () => {
    const res = await wire(`${server.url}/api/sources`, BR_GZIP);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(res.bytes).toBe(Number(res.headers['content-length']));
  });

  it('streams /api/chat compressed, each event arriving while the model still writes', async () => {
    model.behave((body) => ({ kind: 'answer', text: answer(body), pauseMs: 500 }));
    const res = await post('/api/chat', { question: QUESTION });
    expect(res.headers.get('content-encoding')).toBe('br');
    const events = await readEvents(res);
    const deltas = events.filter((e) => e.data.startsWith('{"text"'));
    expect(deltas).toHaveLength(2);
    expect(deltas[0]!.at).toBeLessThan(model.calls[0]!.finishedAt!);
    expect(events.at(-1)!.data).toContain('"answer":"ISKP is reorganizing');
  });

  it('streams /v1/chat/completions (stream: true) compressed, the first piece arriving while the model still writes', async () => {
    model.behave((body) => ({ kind: 'answer', text: answer(body), pauseMs: 500 }));
    const res = await post('/v1/chat/completions', { model: 'iskp-briefing', stream: true, messages: [{ role: 'user', content: QUESTION }] });
    expect(res.headers.get('content-encoding')).toBe('br');
    const events = await readEvents(res);
    const pieces = events.filter((e) => e.data.includes('"content":"ISKP'));
    expect(pieces.length).toBeGreaterThan(0);
    expect(pieces[0]!.at).toBeLessThan(model.calls[0]!.finishedAt!);
    expect(events.at(-1)!.data).toBe('[DONE]');
  });

  it('answers /mcp compressed, read by the MCP SDK’s own client (its responses are JSON: the server keeps no stream to flush)', async () => {
    model.behave((body) => ({ kind: 'answer', text: answer(body) }));
    const client = await connectMcp(server.url, BR_GZIP);
    try {
      const result = await client.callTool({ name: 'ask', arguments: { question: QUESTION } });
      expect(firstText(result)).toContain('ISKP is reorganizing');
    } finally {
      await client.close();
    }
    const raw = await wire(`${server.url}/mcp`, { ...BR_GZIP, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, 'POST');
    expect(raw.headers.vary).toMatch(/Accept-Encoding/);
  });
});
