import { describe, expect, it } from 'vitest';
import { REQUEST_LIMITS } from '../../../src/core/answer/limits';
import { OTHER_BODY_BYTES, QUESTION_BODY_BYTES } from '../../../src/server/http/body-limit';
import { httpApp, post, SERVER } from './harness';

/** The largest body the /api/ask contract admits, in the widest UTF-8 a valid request can use (3 bytes per character). */
const largestValidAsk = () =>
  JSON.stringify({
    question: 'ж'.repeat(REQUEST_LIMITS.questionChars - 10) + ' ISKP?',
    history: Array.from({ length: REQUEST_LIMITS.historyTurns }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: '€'.repeat(REQUEST_LIMITS.turnChars) })),
  });

/** A body sent without Content-Length, as a chunked upload arrives. */
const chunked = (path: string, text: string) => {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.subarray(i, i + 8192));
      controller.close();
    },
  });
  return new Request(`${SERVER}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
};

describe('body limits', () => {
  it('admits the largest valid question (every field at its maximum, 3-byte characters)', async () => {
    const body = largestValidAsk();
    expect(new TextEncoder().encode(body).length).toBeGreaterThan(240_000);
    expect(new TextEncoder().encode(body).length).toBeLessThan(QUESTION_BODY_BYTES);
    const { send } = await httpApp({ RATE_LIMIT_PER_MINUTE: '0' });
    expect((await send(post('/api/ask', body))).status).toBe(200);
  });

  it('refuses a larger body with 413 payload_too_large as JSON, by Content-Length or counted as it streams', async () => {
    const { send } = await httpApp({ RATE_LIMIT_PER_MINUTE: '0' });
    const big = JSON.stringify({ question: 'ISKP?', padding: 'x'.repeat(QUESTION_BODY_BYTES) });
    for (const req of [post('/api/ask', big), post('/api/chat', big), chunked('/api/ask', big)]) {
      const res = await send(req);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large', message: expect.stringContaining('256 KB') }, requestId: expect.any(String) });
      // The unread rest of the body may still be arriving: the client must not reuse the connection.
      expect(res.headers.get('connection')).toBe('close');
    }
  });

  it('answers a chunked body that breaks off with 400 incomplete_body, and logs no server error', async () => {
    const { send, logs } = await httpApp({ RATE_LIMIT_PER_MINUTE: '0' });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"question":"IS'));
        controller.error(new Error('aborted'));
      },
    });
    const res = await send(new Request(`${SERVER}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'incomplete_body', message: expect.any(String) }, requestId: expect.any(String) });
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('caps other /api routes at 16 KB', async () => {
    const { send } = await httpApp();
    const res = await send(post('/api/sources', 'x'.repeat(OTHER_BODY_BYTES + 1)));
    expect(res.status).toBe(413);
  });

  it('leaves the question’s own limits to the schema: an oversized question is 400 naming the field', async () => {
    const { send } = await httpApp();
    const res = await send(post('/api/ask', { question: 'x'.repeat(2001) }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^question:/);
  });
});
