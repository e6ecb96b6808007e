import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import type { AskRequest } from '../../../src/core/answer/types';
import { createLogger, type LogFields } from '../../../src/core/log';
import { ask, get, httpApp, post, sharedEngine } from './harness';

const QUESTION = 'What does the paper say about Central Asia?';
const requestLines = (logs: Record<string, unknown>[]) => logs.filter((l) => l.msg === 'request');

describe('request log', () => {
  it('writes one JSON line per request: method, path, status, duration, request id, client pseudonym, question length', async () => {
    const { send, logs } = await httpApp();
    const res = await send(ask(QUESTION));
    const [line] = requestLines(logs);
    expect(line).toEqual({
      time: expect.any(String),
      level: 'info',
      msg: 'request',
      requestId: res.headers.get('x-request-id'),
      method: 'POST',
      path: '/api/ask',
      status: 200,
      durationMs: expect.any(Number),
      client: expect.stringMatching(/^[0-9a-f]{16}$/),
      questionChars: QUESTION.length,
    });
  });

  it('logs errors too, at error level only for 5xx', async () => {
    const { send, logs } = await httpApp();
    await send(post('/api/ask', '{'));
    await send(get('/nope'));
    expect(requestLines(logs).map((l) => [l.status, l.level])).toEqual([
      [400, 'info'],
      [404, 'info'],
    ]);
  });

  it('logs the 503s of a server still loading its index as routine: info for /readyz, warn for a question', async () => {
    const { send, logs } = await httpApp({}, { ready: () => undefined });
    expect((await send(get('/readyz'))).status).toBe(503);
    expect((await send(ask(QUESTION))).status).toBe(503);
    expect(requestLines(logs).map((l) => [l.path, l.status, l.level])).toEqual([
      ['/readyz', 503, 'info'],
      ['/api/ask', 503, 'warn'],
    ]);
  });

  it('never logs the client’s address, the Authorization header or the question’s text', async () => {
    const { send, logs } = await httpApp({ API_KEYS: 'secret-key-123456' });
    await send(ask(QUESTION, { authorization: 'Bearer secret-key-123456' }), '198.51.100.23');
    const text = JSON.stringify(logs);
    for (const secret of ['198.51.100.23', 'secret-key-123456', 'Central Asia']) expect(text).not.toContain(secret);
  });

  it('gives one client one pseudonym within a run', async () => {
    const { send, logs } = await httpApp();
    await send(get('/healthz'), '198.51.100.23');
    await send(get('/readyz'), '198.51.100.23');
    await send(get('/healthz'), '198.51.100.24');
    const [a, b, c] = requestLines(logs).map((l) => l.client);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('includes the question with LOG_QUESTIONS', async () => {
    const { send, logs } = await httpApp({ LOG_QUESTIONS: 'true' });
    await send(ask(QUESTION));
    expect(requestLines(logs)[0]).toMatchObject({ question: QUESTION, questionChars: QUESTION.length });
  });

  it('puts the request id on every line written while the request runs, given a log scope (AsyncLocalStorage on Node)', async () => {
    const store = new AsyncLocalStorage<LogFields>();
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>), context: () => store.getStore() });
    const engine = await sharedEngine();
    // An answerer that logs deep inside the request, knowing nothing of it.
    const answerer = { ...engine.answerer, ask: async (r: AskRequest) => (logger.info('answering'), engine.answerer.ask(r)) };
    const { send } = await httpApp({}, { logger, logScope: (fields, run) => store.run(fields, run), ready: () => ({ index: engine.index, answerer }) });
    logger.info('outside any request');
    const res = await send(ask(QUESTION));
    const id = res.headers.get('x-request-id');
    expect(lines.find((l) => l.msg === 'answering')).toMatchObject({ requestId: id });
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ requestId: id });
    expect(lines.find((l) => l.msg === 'outside any request')).not.toHaveProperty('requestId');
  });
});
