import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCases } from '../../../scripts/lib/evaluate';
import { createTestApp } from '../../helpers/app';
import { connectMcp, postMcp, toolCall } from '../../helpers/mcp-client';

const PUBLIC_URL = 'https://bot.example.org';

// Offline: no telemetry, no Cloudflare lookups. Read by wrangler when it is imported.
process.env.WRANGLER_SEND_METRICS = 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';

const SIGNING_SECRET = 'test-signing-secret';

/** Bibliographic, content, alias, follow-up and abstention questions: the Worker must answer each exactly as Node does. */
const QUESTIONS = [
  { question: 'Who wrote the paper?' },
  { question: 'Which references were published in the CTC Sentinel?' },
  { question: 'How many sources were published in 2023?' },
  { question: "What is ISKP's strategy?" },
  { question: 'Is Daesh Khorasan reorganizing?' },
  { question: 'How many Islamic State fighters gathered near the Tajik border?' },
  { question: 'Why did it have to restructure?', history: [{ role: 'user', content: 'What is the paper about?' }] },
  { question: 'What is the capital of France?' },
  { question: 'Who currently leads ISKP?' },
];

type Worker = Awaited<ReturnType<typeof import('wrangler').unstable_startWorker>>;

describe('Cloudflare Worker (wrangler.toml run in workerd)', () => {
  let worker: Worker;
  let base: URL;
  let node: Awaited<ReturnType<typeof createTestApp>>;
  let inbox: ReturnType<typeof startInbox>;
  // What the Worker logs (console.log in workerd), which wrangler relays to console.log at logLevel 'log'.
  const workerLog: string[] = [];

  beforeAll(async () => {
    inbox = startInbox();
    await inbox.listening;
    vi.spyOn(console, 'log').mockImplementation((...args) => void workerLog.push(args.join(' ')));
    const { unstable_startWorker } = await import('wrangler');
    [node, worker] = await Promise.all([
      // No rate limit on either side: every evaluation question is asked of both. One PUBLIC_URL on
      // both, so citation links are made on the same origin whatever port each side listens on.
      createTestApp({ RATE_LIMIT_PER_MINUTE: '0', PUBLIC_URL }),
      unstable_startWorker({
        config: 'wrangler.toml',
        // wrangler runs the [build] command (npm run build:worker: index snapshot + widget) before
        // the first bundle, as `wrangler dev` and `deploy` do. The empty command only turns off its
        // rerun-on-file-change watcher, which would rebuild mid-test whenever a source file is saved.
        // `wrangler dev` derives the Node compatibility mode from compatibility_flags; startWorker
        // leaves that to its caller. "als" is what nodejs_als in wrangler.toml gives.
        build: { custom: { command: '' }, nodejsCompatMode: 'als' },
        bindings: {
          SLACK_SIGNING_SECRET: { type: 'secret_text', value: SIGNING_SECRET },
          SLACK_HOOKS_URL: { type: 'plain_text', value: inbox.url },
          // Pinned over a developer's .dev.vars: a key there would switch the Worker to LLM answers.
          ...Object.fromEntries(['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'API_KEYS'].map((name) => [name, { type: 'plain_text', value: '' }])),
          EMBEDDER: { type: 'plain_text', value: 'lexical' },
          RATE_LIMIT_PER_MINUTE: { type: 'plain_text', value: '0' },
          PUBLIC_URL: { type: 'plain_text', value: PUBLIC_URL },
        },
        envFiles: [], // and no .env
        dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist: false, logLevel: 'log' },
      }),
    ]);
    await worker.ready;
    base = await worker.url;
  });

  afterAll(async () => {
    await worker?.dispose();
    await inbox?.close();
    vi.restoreAllMocks();
  });

  const get = (path: string) => fetch(new URL(path, base));
  const post = (path: string, body: unknown) =>
    fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers /healthz and reports ready with the bundled index of the whole corpus', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await (await get('/readyz')).json();
    expect(ready).toEqual(await (await node.app.request('/readyz')).json());
    expect(ready).toMatchObject({ status: 'ready', sources: 26, embedder: 'lexical-v1-256' });
  });

  it('scans with the WebAssembly SIMD kernel it bundles, not the JS fallback', async () => {
    await get('/readyz');
    const readyLine = () => workerLog.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((l) => l.msg === 'ready');
    await vi.waitFor(() => expect(readyLine()).toMatchObject({ kernel: 'wasm-simd' }));
  });

  it('answers every question exactly as the Node server does: same text, citations and abstentions', async () => {
    for (const body of QUESTIONS) {
      const [fromWorker, fromNode] = await Promise.all([post('/api/ask', body), node.post('/api/ask', body)]);
      expect(fromWorker.status, body.question).toBe(200);
      expect(timeless(await fromWorker.text()), body.question).toEqual(timeless(await fromNode.text()));
    }
  });

  it('answers every evaluation question byte for byte as the Node server does', async () => {
    const differ: string[] = [];
    for (const { id, question, history } of loadCases()) {
      const body = history ? { question, history } : { question };
      const [fromWorker, fromNode] = await Promise.all([post('/api/ask', body), node.post('/api/ask', body)]);
      if (timeless(await fromWorker.text()) !== timeless(await fromNode.text())) differ.push(id);
    }
    expect(differ).toEqual([]);
  });

  it('cites the expected sources and abstains where the corpus has no answer', async () => {
    const ask = async (question: string) => (await post('/api/ask', { question })).json();
    const ctc = await ask('Which references were published in the CTC Sentinel?');
    expect(ctc.citations.map((c: { sourceId: string }) => c.sourceId).sort()).toEqual(['hamming-2023', 'jadoon-2023']);
    expect((await ask('What is the capital of France?')).answerable).toBe(false);
  });

  it('streams /api/chat as Server-Sent Events that add up to the /api/ask answer', async () => {
    const body = { question: "What is ISKP's strategy?" };
    const res = await post('/api/chat', body);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseSse(await res.text());
    expect(events[0]!.event).toBe('answer-start');
    const end = events.at(-1)!;
    expect(end.event).toBe('answer-end');
    const response = JSON.parse(end.data);
    expect(response).toEqual(await (await node.post('/api/ask', body)).json());
    const streamed = events.filter((e) => e.event === 'answer-delta').map((e) => JSON.parse(e.data).text as string);
    expect(streamed.join('')).toBe(response.answer);
  });

  it('answers the OpenAI SDK as Node does: the same content, annotations and citations, whole and streamed', async () => {
    const fromWorker = new OpenAI({ baseURL: `${new URL('/v1', base)}`, apiKey: 'any', maxRetries: 0 });
    const fromNode = new OpenAI({ baseURL: 'http://localhost/v1', apiKey: 'any', maxRetries: 0, fetch: async (url, init) => node.app.request(String(url), init) });
    for (const question of ["What is ISKP's strategy?", 'Give me a briefing on Central Asia']) {
      const messages = [{ role: 'user' as const, content: question }];
      const [worker, nodeSide] = await Promise.all([fromWorker, fromNode].map((client) => client.chat.completions.create({ model: 'iskp-briefing', messages })));
      const message = (m: OpenAI.Chat.Completions.ChatCompletion) => timelessMessage(m.choices[0]!.message);
      expect(message(worker!), question).toEqual(message(nodeSide!));
      expect(worker!.choices[0]!.message.annotations!.length, question).toBeGreaterThan(0);
      // Streamed from the Worker: the same content, and the annotations in the delta before the last.
      let content = '';
      let annotations: unknown;
      for await (const chunk of await fromWorker.chat.completions.create({ model: 'iskp-briefing', messages, stream: true })) {
        content += chunk.choices[0]!.delta.content ?? '';
        // The SDK passes the final delta's annotations through as they came.
        annotations ??= (chunk.choices[0]!.delta as { annotations?: unknown }).annotations;
      }
      expect(timeless(content), question).toBe(timeless(worker!.choices[0]!.message.content!));
      expect(annotations, question).toEqual(worker!.choices[0]!.message.annotations);
    }
  });

  it('serves the same OpenAPI document as Node', async () => {
    const fromWorker = await get('/openapi.json');
    expect(fromWorker.status).toBe(200);
    expect(await fromWorker.json()).toEqual(await (await node.app.request('/openapi.json')).json());
  });

  it('serves the same source pages as Node: a quote highlighted, the list, an export', async () => {
    const quoted = `/sources/tassev-2024-abstract?q=${encodeURIComponent('Although it is now reorganizing, it still presents a danger in Central Asia.')}`;
    for (const path of [quoted, '/sources', '/sources/hamming-2023/export?format=bibtex', '/sources.js']) {
      const fromWorker = await get(path);
      expect(fromWorker.status, path).toBe(200);
      expect(await fromWorker.text(), path).toBe(await (await node.app.request(path)).text());
    }
  });

  it('lists the same sources as Node, and formats a citation', async () => {
    expect(await (await get('/api/sources')).json()).toEqual(await (await node.app.request('/api/sources')).json());
    const apa = await get('/api/sources/tassev-2024?format=apa');
    expect(apa.status).toBe(200);
    expect(await apa.text()).toMatch(/Tassev/);
  });

  it('serves MCP at /mcp to the SDK client: search, fetch and ask as Node answers them', async () => {
    const client = await connectMcp(base);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'brief', 'fetch', 'search']);
      const search = (await client.callTool({ name: 'search', arguments: { query: 'ISIS-K in Central Asia' } })).structuredContent as { results: { id: string; url: string }[] };
      expect(search.results.length).toBeGreaterThan(0);
      for (const r of search.results) expect(r.url).toBe(`${PUBLIC_URL}/sources/${r.id}`);
      const doc = (await client.callTool({ name: 'fetch', arguments: { id: 'tassev-2024' } })).structuredContent as { text: string; url: string };
      expect(doc.text).toBe((await (await node.app.request('/api/sources/tassev-2024')).json()).text);
      expect(doc.url).toBe(`${PUBLIC_URL}/sources/tassev-2024`);
      const body = { question: 'Why has ISKP restructured?' };
      const ask = await client.callTool({ name: 'ask', arguments: body });
      expect(ask.structuredContent).toEqual(await (await node.post('/api/ask', body)).json());
    } finally {
      await client.close();
    }
    // DNS rebinding: a foreign page's Origin is refused in workerd too.
    const refused = await postMcp(base, toolCall('search', { query: 'ISKP' }), { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
  });

  it('serves the widget script bundled at build time, and the demo page that loads it', async () => {
    const script = await get('/widget.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(1000);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/widget.js');
  });

  it('answers a signed Slack url_verification and refuses an unsigned one', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'challenge-123' });
    const signed = await fetch(new URL('/slack/events', base), { method: 'POST', headers: slackHeaders(body, 'application/json'), body });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ challenge: 'challenge-123' });
    const unsigned = await fetch(new URL('/slack/events', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
  });

  it('finishes a Slack slash-command answer after the response, under waitUntil', async () => {
    const body = new URLSearchParams({
      command: '/iskp',
      text: 'Which references were published in the CTC Sentinel?',
      response_url: `${inbox.url}/respond`,
      user_id: 'U1',
      channel_id: 'C1',
    }).toString();
    const ack = await fetch(new URL('/slack/commands', base), { method: 'POST', headers: slackHeaders(body, 'application/x-www-form-urlencoded'), body });
    expect(ack.status).toBe(200);
    expect((await ack.json()).text).toMatch(/^Looking this up/);
    const delivered = await inbox.next();
    expect(delivered.path).toBe('/respond');
    expect(JSON.stringify(delivered.body)).toMatch(/Hamming/);
  });
});

function slackHeaders(body: string, contentType: string): Record<string, string> {
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': signature };
}

function parseSse(text: string): { event: string; data: string }[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split(/\r?\n/);
      const field = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).replace(/^ /, ''));
      return { event: field('event')[0] ?? 'message', data: field('data').join('\n') };
    });
}

/** A stand-in for Slack's response_url on 127.0.0.1: resolves each POST the Worker sends it. */
function startInbox() {
  const received: { path: string; body: unknown }[] = [];
  const waiting: ((r: { path: string; body: unknown }) => void)[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const message = { path: req.url ?? '', body: JSON.parse(text || 'null') };
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else received.push(message);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  }).listen(0, '127.0.0.1');
  return {
    listening: once(server, 'listening'),
    get url() {
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    next: () =>
      new Promise<{ path: string; body: unknown }>((resolve, reject) => {
        const early = received.shift();
        if (early) return resolve(early);
        waiting.push(resolve);
        setTimeout(() => reject(new Error('no Slack response arrived within 15 s')), 15_000).unref();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A response without the moment a briefing was made: the one thing two runtimes may not share. */
const timeless = (text: string) => text.replace(/"generatedAt":"[^"]*"/g, '"generatedAt":""').replace(/_Generated \d{4}-\d{2}-\d{2},/g, '_Generated,');
/** A message with its briefing's date left out, as `timeless` leaves it out of a body. */
const timelessMessage = (message: unknown): unknown => JSON.parse(timeless(JSON.stringify(message)));
