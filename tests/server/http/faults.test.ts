import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLexicalEmbedder } from '../../../src/core/embed/lexical';
import { ensureIndex } from '../../../src/runtime/node/build-index';
import { chunkEvent, DONE_EVENT } from '../../core/answer/llm/openai-wire';
import { startServer, type RunningServer } from '../../helpers/start-server';

const ROOT = join(import.meta.dirname, '../../..');
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const logged = (server: RunningServer, msg: string) => server.logs.filter((l) => l.includes(`"msg":"${msg}"`)).map((l) => JSON.parse(l) as Record<string, unknown>);

async function askOver(url: string, question: string) {
  const res = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  return { status: res.status, body: (await res.json()) as { citations: { sourceId: string }[] } };
}

describe('faults at start: the server comes up and answers', () => {
  let server: RunningServer | undefined;
  afterAll(() => server?.stop());

  it('rebuilds an index it cannot read, skips (and names) a corpus file it cannot parse, and serves the rest', async () => {
    const corpusDir = tmp('iskp-corpus-');
    cpSync(join(ROOT, 'corpus'), corpusDir, { recursive: true });
    writeFileSync(join(corpusDir, 'broken.json'), '[{"title": 5}');
    // An index of exactly this corpus, then half-written: only its corruption can make it unusable.
    const dataDir = tmp('iskp-data-');
    await ensureIndex({ corpusDir, dataDir, embedder: createLexicalEmbedder() });
    writeFileSync(join(dataDir, readFileSync(join(dataDir, 'CURRENT'), 'utf8').trim(), 'index.json'), '{"items": [');

    server = await startServer({ CORPUS_DIR: corpusDir, DATA_DIR: dataDir });
    expect(logged(server, 'index unreadable, rebuilding from corpus')).toHaveLength(1);
    expect(logged(server, 'corpus file skipped')).toEqual([expect.objectContaining({ file: 'broken.json', error: expect.any(String) })]);
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ status: 'ready', sources: 26 });
    const { status, body } = await askOver(server.url, 'Which references did the CTC Sentinel publish?');
    expect(status).toBe(200);
    expect(body.citations.map((c) => c.sourceId).sort()).toEqual(['hamming-2023', 'jadoon-2023']);
  });
});

/**
 * A model that takes its time: streams its reply a few characters every `everyMs`. Stands in for
 * the slow answer that is in flight when the server is told to stop.
 */
function slowModel(everyMs: number): Promise<{ url: string; server: Server; finishedAt: () => number | undefined }> {
  let finishedAt: number | undefined;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const piece of 'ISKP still presents a danger in Central Asia [1].'.match(/.{1,5}/g)!) {
        res.write(chunkEvent(piece));
        await sleep(everyMs);
      }
      res.end(chunkEvent(null) + DONE_EVENT);
      finishedAt = Date.now();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`, server, finishedAt: () => finishedAt })),
  );
}

/** A request whose body arrives in two parts, the second only when `finish` is called. */
function heldAsk(url: string, question: string) {
  const body = JSON.stringify({ question });
  const cut = Math.floor(body.length / 2);
  const { hostname, port } = new URL(url);
  let finish!: () => void;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ hostname, port, path: '/api/ask', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.write(body.slice(0, cut));
    finish = () => req.end(body.slice(cut));
  });
  return { response, finish: () => finish() };
}

describe('SIGTERM', () => {
  let model: Server | undefined;
  afterAll(() => model?.close());

  it('stops accepting, lets in-flight requests finish (a held upload, a slow SSE answer), then exits 0', async () => {
    const slow = await slowModel(150);
    model = slow.server;
    const server = await startServer({ OPENAI_BASE_URL: slow.url, OPENAI_API_KEY: 'test', RATE_LIMIT_PER_MINUTE: '0' });

    const held = heldAsk(server.url, 'Which references did the CTC Sentinel publish?');
    const chat = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Is ISKP still a danger in Central Asia?' }) });
    const reader = chat.body!.pipeThrough(new TextDecoderStream()).getReader();
    let stream = (await reader.read()).value ?? '';
    expect(stream).toContain('event: answer-start');

    const stoppedAt = Date.now();
    const exited = server.stop('SIGTERM');
    await sleep(300);
    expect(server.logs.some((l) => l.includes('"msg":"shutting down"'))).toBe(true);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow(); // no longer listening

    held.finish();
    for (let r = await reader.read(); !r.done; r = await reader.read()) stream += r.value;
    expect(stream).toMatch(/event: answer-end\ndata: \{/);
    const answer = await held.response;
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('hamming-2023');
    expect(slow.finishedAt()).toBeGreaterThan(stoppedAt); // the answer really was in flight
    expect(await exited).toBe(0);
  });
});
