import { HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOTICES } from '../../../../src/core/answer/llm/llm-answerer';
import type { AnswerEvent } from '../../../../src/core/answer/types';
import { llmAnswerer, testEngine } from './engine';
import { hang, reply, sse, status, useModelStandIn } from './model-stand-in';
import { chunkEvent, DONE_EVENT, numberOf, type ChatBody } from './openai-wire';

const { server, openai } = useModelStandIn();
// Timings below are the model's: the one-off suggestion pool is built before they start.
beforeAll(async () => {
  await (await testEngine()).extractive.suggestions();
});

const QUESTION = "What is ISKP's strategy?";
const STRATEGY = 'strategy on a regional and international level';
const answer = (b: ChatBody) => `ISKP's strategy interlinks media warfare and kinetic action [${numberOf(b, STRATEGY)}].`;

/** The answer the user gets when the model fails: the extractive one, with a notice. */
async function fallbackAnswer() {
  const { extractive } = await testEngine();
  return { ...(await extractive.ask({ question: QUESTION })), notice: NOTICES.unavailable };
}

describe('when the model fails, the extractive answer is given with a notice, never an error', () => {
  it('hangs: gives up after LLM_TIMEOUT_MS and aborts the upstream request', async () => {
    openai.model((_body, { request }) => hang(request));
    // A budget a loaded 2-core machine reaches the model within (at 300 ms, a CI run beside an eval timed out before the request was sent).
    const answerer = await llmAnswerer({ timeoutMs: 1_000 });
    const started = Date.now();
    const response = await answerer.ask({ question: QUESTION });
    expect(Date.now() - started).toBeLessThan(1_000 + 500);
    expect(response).toEqual(await fallbackAnswer());
    expect(openai.calls[0]!.request.signal.aborted).toBe(true);
  });

  it('429 then success: retried with backoff, answered by the model', async () => {
    openai.model((body, call) => (openai.calls.indexOf(call) === 0 ? status(429, { 'retry-after-ms': '20' }) : reply(body, answer(body))));
    const response = await (await llmAnswerer()).ask({ question: QUESTION });
    expect(openai.calls).toHaveLength(2);
    expect(response.mode).toBe('llm');
  });

  it.each([429, 500, 503])('%i on every try: three tries, then the fallback', async (code) => {
    openai.model(() => status(code));
    expect(await (await llmAnswerer()).ask({ question: QUESTION })).toEqual(await fallbackAnswer());
    expect(openai.calls).toHaveLength(3);
  });

  it.each([400, 401, 404])('%i (will not get better): no retry, the fallback', async (code) => {
    openai.model(() => status(code));
    expect(await (await llmAnswerer()).ask({ question: QUESTION })).toEqual(await fallbackAnswer());
    expect(openai.calls).toHaveLength(1);
  });

  it('unreachable server: the fallback', async () => {
    openai.model(() => HttpResponse.error());
    expect(await (await llmAnswerer()).ask({ question: QUESTION })).toEqual(await fallbackAnswer());
  });

  it('an error frame in the stream: the fallback, streamed like any answer', async () => {
    openai.model(() => sse(`data: ${JSON.stringify({ error: { message: 'overloaded' } })}\n\n`));
    const events: AnswerEvent[] = [];
    for await (const e of (await llmAnswerer()).stream({ question: QUESTION })) events.push(e);
    const end = events.at(-1)!;
    expect(end).toEqual({ type: 'end', response: await fallbackAnswer() });
    expect(events.slice(0, -1).map((e) => (e.type === 'delta' ? e.text : '')).join('')).toBe((await fallbackAnswer()).answer);
  });

  it('stalls after a verified sentence: keeps what was streamed, says it may be incomplete', async () => {
    openai.model((body) => reply(body, `${answer(body)} It is also reorganizing`, { pauseAfter: answer(body).length + 3 }));
    const events: AnswerEvent[] = [];
    for await (const e of (await llmAnswerer({ timeoutMs: 400 })).stream({ question: QUESTION })) events.push(e);
    expect(events).toEqual([
      { type: 'delta', text: "ISKP's strategy interlinks media warfare and kinetic action [1]." },
      { type: 'end', response: expect.objectContaining({ mode: 'llm', answer: "ISKP's strategy interlinks media warfare and kinetic action [1].", notice: NOTICES.incomplete }) },
    ]);
  });
});

describe('when the user goes away', () => {
  it('a client abort cancels the upstream streamed call', async () => {
    openai.model((body) => reply(body, `${answer(body)} More to come.`, { pauseAfter: answer(body).length + 3 }));
    const client = new AbortController();
    const events = (await llmAnswerer({ timeoutMs: 10_000 })).stream({ question: QUESTION }, { signal: client.signal })[Symbol.asyncIterator]();
    expect((await events.next()).value).toMatchObject({ type: 'delta' });
    const pending = events.next();
    client.abort(new DOMException('client gone', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(openai.calls[0]!.request.signal.aborted).toBe(true);
  });

  it('a client abort cancels a call still waiting for the model', async () => {
    openai.model((_body, { request }) => hang(request));
    const client = new AbortController();
    const asking = (await llmAnswerer({ timeoutMs: 10_000 })).ask({ question: QUESTION }, { signal: client.signal });
    await new Promise((r) => setTimeout(r, 50));
    client.abort(new DOMException('client gone', 'AbortError'));
    await expect(asking).rejects.toMatchObject({ name: 'AbortError' });
    expect(openai.calls[0]!.request.signal.aborted).toBe(true);
  });
});

// Keeps the SSE helpers honest: a streamed answer split mid-marker still verifies.
it('reassembles a marker split across stream chunks', async () => {
  openai.model((body) => {
    const [a, b] = [`ISKP's strategy interlinks media warfare and kinetic action [`, `${numberOf(body, STRATEGY)}].`];
    return sse(chunkEvent(a) + chunkEvent(b) + chunkEvent(null) + DONE_EVENT);
  });
  const events: AnswerEvent[] = [];
  for await (const e of (await llmAnswerer()).stream({ question: QUESTION })) events.push(e);
  expect(events[0]).toEqual({ type: 'delta', text: "ISKP's strategy interlinks media warfare and kinetic action [1]." });
});
