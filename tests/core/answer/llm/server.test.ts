import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICES } from '../../../../src/core/answer/llm/llm-answerer';
import type { AskResponse } from '../../../../src/core/answer/types';
import { startServer, type RunningServer } from '../../../helpers/start-server';
import { startLoopbackModel } from './loopback-model';
import { numberOf, type ChatBody } from './openai-wire';

const TIMEOUT_MS = 1_500;
/** Process scheduling, the extractive fallback and HTTP on a busy 2-core machine. */
const MARGIN_MS = 1_000;

const QUESTION = "What is ISKP's strategy, and is it still a danger?";
const STRATEGY = 'strategy on a regional and international level';
const DANGER = 'still presents a danger in Central Asia';
const QUOTES = {
  danger: 'Although it is now reorganizing, it still presents a danger in Central Asia.',
  strategy: 'Its strategy on a regional and international level comprises interlinked media warfare and kinetic action.',
};
const faithful = (b: ChatBody) =>
  `ISKP is reorganizing but still presents a danger in Central Asia [${numberOf(b, DANGER)}]. ` +
  `Its strategy interlinks media warfare and kinetic action at the regional and international level [${numberOf(b, STRATEGY)}].`;

interface SseEvent {
  event: string;
  data: unknown;
  at: number;
}

/** Reads an SSE response event by event, noting when each arrived; stops early when `until` says so. */
async function readSse(res: Response, until?: (e: SseEvent) => boolean): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: ?(.*)$/m.exec(block)?.[1];
      const e = { event, data: data ? JSON.parse(data) : undefined, at: Date.now() };
      events.push(e);
      if (until?.(e)) {
        await reader.cancel();
        return events;
      }
    }
  }
}

describe('npm start with OPENAI_BASE_URL pointing at an OpenAI-compatible server on loopback', () => {
  let model: Awaited<ReturnType<typeof startLoopbackModel>>;
  let server: RunningServer;
  const post = (path: string, body: unknown, signal?: AbortSignal) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });

  beforeAll(async () => {
    model = await startLoopbackModel();
    server = await startServer({ OPENAI_BASE_URL: model.baseURL, OPENAI_API_KEY: 'test', LLM_MODEL: 'stand-in', LLM_TIMEOUT_MS: String(TIMEOUT_MS) });
  });
  afterAll(async () => {
    await server?.stop();
    await model?.close();
  });

  it('answers /api/ask in llm mode with verified, renumbered citations', async () => {
    model.behave((body) => ({ kind: 'answer', text: faithful(body) }));
    const res = await post('/api/ask', { question: QUESTION });
    const body = (await res.json()) as AskResponse;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      mode: 'llm',
      answerable: true,
      answer: 'ISKP is reorganizing but still presents a danger in Central Asia [1]. Its strategy interlinks media warfare and kinetic action at the regional and international level [2].',
    });
    expect(body.citations.map((c) => [c.n, c.sourceId, c.quote])).toEqual([
      [1, 'tassev-2024-abstract', QUOTES.danger],
      [2, 'tassev-2024-abstract', QUOTES.strategy],
    ]);
    expect(model.calls[0]).toMatchObject({ authorization: 'Bearer test', body: { model: 'stand-in', stream: false } });
  });

  it('streams verified sentences over SSE before the model has finished, then exactly the /api/ask object', async () => {
    model.behave((body) => ({ kind: 'answer', text: faithful(body), pauseMs: 400 }));
    const events = await readSse(await post('/api/chat', { question: QUESTION }));
    const finishedAt = model.calls[0]!.finishedAt!;
    expect(events[0]!.event).toBe('answer-start');
    const deltas = events.filter((e) => e.event === 'answer-delta');
    expect(deltas).toHaveLength(2);
    expect(deltas[0]!.at).toBeLessThan(finishedAt);
    const end = events.at(-1)!;
    expect(end.event).toBe('answer-end');
    const response = end.data as AskResponse;
    expect(deltas.map((d) => (d.data as { text: string }).text).join('')).toBe(response.answer);

    model.behave((body) => ({ kind: 'answer', text: faithful(body) }));
    expect(await (await post('/api/ask', { question: QUESTION })).json()).toEqual(response);
  });

  it('drops a fabricated citation and the claim made up around it', async () => {
    model.behave((body) => ({
      kind: 'answer',
      text: `Its strategy interlinks media warfare and kinetic action [${numberOf(body, STRATEGY)}][19]. ISKP receives funding from a foreign intelligence agency [${numberOf(body, STRATEGY)}]. A leaked UN memo confirms this [23].`,
    }));
    const body = (await (await post('/api/ask', { question: QUESTION })).json()) as AskResponse;
    expect(body).toMatchObject({ mode: 'llm', answer: 'Its strategy interlinks media warfare and kinetic action [1].' });
    expect(body.citations).toEqual([expect.objectContaining({ n: 1, quote: QUOTES.strategy })]);
  });

  it.each([
    ['hangs', { kind: 'hang' as const }],
    ['returns 500', { kind: 'status' as const, code: 500 }],
  ])('falls back to the extractive answer within LLM_TIMEOUT_MS (plus a margin) when the model %s', async (_name, behaviour) => {
    model.behave(() => behaviour);
    const started = Date.now();
    const res = await post('/api/ask', { question: QUESTION });
    const body = (await res.json()) as AskResponse;
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ mode: 'extractive', answerable: true, notice: NOTICES.unavailable });
    expect(body.citations.length).toBeGreaterThan(0);
    if (behaviour.kind === 'status') expect(model.calls).toHaveLength(3);
  });

  it('falls back over SSE too, with answer-end and no error event', async () => {
    model.behave(() => ({ kind: 'hang' }));
    const started = Date.now();
    const events = await readSse(await post('/api/chat', { question: QUESTION }));
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(events.map((e) => e.event)).not.toContain('error');
    expect(events.at(-1)).toMatchObject({ event: 'answer-end', data: { mode: 'extractive', notice: NOTICES.unavailable } });
  });

  it('cancels the upstream request when the client goes away mid-answer', async () => {
    model.behave((body) => ({ kind: 'answer', text: faithful(body), pauseMs: 5_000 }));
    const client = new AbortController();
    const res = await post('/api/chat', { question: QUESTION }, client.signal);
    await readSse(res, (e) => e.event === 'answer-delta');
    client.abort();
    await expect.poll(() => model.calls[0]?.abandoned, { timeout: 2_000 }).toBe(true);
    expect(model.calls[0]!.finishedAt).toBeUndefined();
  });

  it('cancels the upstream request when an /api/ask client goes away while the model thinks', async () => {
    model.behave(() => ({ kind: 'hang' }));
    const client = new AbortController();
    const asking = post('/api/ask', { question: QUESTION }, client.signal).catch((err: unknown) => err);
    await expect.poll(() => model.calls.length, { timeout: 2_000 }).toBe(1);
    client.abort();
    await asking;
    // Well before LLM_TIMEOUT_MS, which would abandon the call anyway.
    await expect.poll(() => model.calls[0]?.abandoned, { timeout: TIMEOUT_MS / 3 }).toBe(true);
  });
});
