import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackApi } from '../../../../src/server/channels/slack/slack-api';
import { createLogger } from '../../../../src/core/log';

const BASE = 'https://slack.test/api';

describe('Slack Web API client', () => {
  const server = setupServer();
  let logs: Record<string, unknown>[];
  let waits: number[];
  const api = (options: Partial<Parameters<typeof createSlackApi>[0]> = {}) =>
    createSlackApi({
      baseUrl: `${BASE}/`,
      hooksUrl: 'https://hooks.slack.test',
      token: 'xoxb-1',
      fetch: (input, init) => fetch(input, init),
      logger: createLogger({ level: 'debug', write: (l) => logs.push(JSON.parse(l)) }),
      sleep: async (ms) => void waits.push(ms),
      ...options,
    });
  /** Replies in turn with each of `replies`, the last one repeating; counts the calls. */
  function sequence(url: string, ...replies: (() => Response)[]) {
    const seen = { calls: 0, bodies: [] as string[], auth: [] as (string | null)[] };
    server.use(
      http.post(url, async ({ request }) => {
        seen.bodies.push(await request.text());
        seen.auth.push(request.headers.get('authorization'));
        return replies[Math.min(seen.calls++, replies.length - 1)]!();
      }),
    );
    return seen;
  }
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    logs = [];
    waits = [];
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('posts form-encoded arguments with the bot token, JSON-encoding structured ones', async () => {
    const seen = sequence(`${BASE}/chat.postMessage`, () => HttpResponse.json({ ok: true, ts: '1.2' }));
    expect(await api().call('chat.postMessage', { channel: 'C1', thread_ts: '1.1', blocks: [{ type: 'divider' }], unfurl_links: false, skip: undefined })).toEqual({ ok: true, ts: '1.2' });
    expect(Object.fromEntries(new URLSearchParams(seen.bodies[0]))).toEqual({ channel: 'C1', thread_ts: '1.1', blocks: '[{"type":"divider"}]', unfurl_links: 'false' });
    expect(seen.auth).toEqual(['Bearer xoxb-1']);
  });

  it('waits out HTTP 429 for Retry-After seconds, then succeeds', async () => {
    const seen = sequence(`${BASE}/chat.postMessage`, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '3' } }), () => HttpResponse.json({ ok: true }));
    expect(await api().call('chat.postMessage', { channel: 'C1' })).toEqual({ ok: true });
    expect(seen.calls).toBe(2);
    expect(waits).toEqual([3000]);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'slack call retrying', error: 'http_429', retryAfterMs: 3000 }));
  });

  it('retries ok:false ratelimited and transient errors, a bounded number of times', async () => {
    const seen = sequence(`${BASE}/chat.update`, () => HttpResponse.json({ ok: false, error: 'ratelimited' }, { headers: { 'Retry-After': '1' } }), () => HttpResponse.json({ ok: false, error: 'internal_error' }));
    expect(await api().call('chat.update', {})).toBeUndefined();
    expect(seen.calls).toBe(3);
    expect(waits).toEqual([1000, 2000]);
    expect(logs.at(-1)).toMatchObject({ level: 'error', msg: 'slack call failed after retries', method: 'chat.update', attempts: 3, error: 'internal_error' });
  });

  it('backs off on 5xx and network errors', async () => {
    const seen = sequence(`${BASE}/chat.postMessage`, () => new HttpResponse('oops', { status: 503 }), () => HttpResponse.error(), () => HttpResponse.json({ ok: true }));
    expect(await api().call('chat.postMessage', {})).toEqual({ ok: true });
    expect(seen.calls).toBe(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it('does not wait out a Retry-After longer than background work may take', async () => {
    const seen = sequence(`${BASE}/chat.postMessage`, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '60' } }));
    expect(await api().call('chat.postMessage', {})).toBeUndefined();
    expect(seen.calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('gives up at once on a permanent error, logging a hint', async () => {
    const seen = sequence(`${BASE}/chat.postMessage`, () => HttpResponse.json({ ok: false, error: 'not_in_channel' }));
    expect(await api().call('chat.postMessage', {})).toBeUndefined();
    expect(seen.calls).toBe(1);
    expect(logs).toEqual([expect.objectContaining({ level: 'error', method: 'chat.postMessage', error: 'not_in_channel', hint: expect.stringMatching(/invite/) })]);
  });

  it('hands a refusal back, logged as info, for a call the bot can do without or works around (quiet)', async () => {
    const seen = sequence(`${BASE}/chat.startStream`, () => HttpResponse.json({ ok: false, error: 'method_not_supported' }));
    expect(await api().call('chat.startStream', { channel: 'D1' }, { quiet: true })).toEqual({ ok: false, error: 'method_not_supported' });
    expect(seen.calls).toBe(1);
    expect(logs).toEqual([expect.objectContaining({ level: 'info', msg: 'slack call refused; carrying on without it', method: 'chat.startStream', error: 'method_not_supported', hint: expect.stringMatching(/paid plan/) })]);
  });

  it('still retries a quiet call that Slack rate-limits', async () => {
    const seen = sequence(`${BASE}/assistant.threads.setStatus`, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '2' } }), () => HttpResponse.json({ ok: true }));
    expect(await api().call('assistant.threads.setStatus', {}, { quiet: true })).toEqual({ ok: true });
    expect(seen.calls).toBe(2);
    expect(waits).toEqual([2000]);
  });

  it('makes no call without a bot token, and says why', async () => {
    expect(await api({ token: undefined }).call('chat.postMessage', {})).toBeUndefined();
    expect(logs).toEqual([expect.objectContaining({ level: 'error', msg: expect.stringMatching(/SLACK_BOT_TOKEN is not set/) })]);
  });

  it('posts JSON to a response_url, retrying 429 and reporting an expired URL', async () => {
    const url = 'https://hooks.slack.test/commands/1';
    const seen = sequence(url, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '0' } }), () => new HttpResponse('ok'));
    expect(await api({ token: undefined }).respond(url, { text: 'hi' })).toBe(true);
    expect(seen.bodies).toEqual(['{"text":"hi"}', '{"text":"hi"}']);
    expect(seen.auth).toEqual([null, null]); // response_url needs no token, and must not receive it

    sequence(url, () => new HttpResponse('used_url', { status: 404 }));
    expect(await api().respond(url, { text: 'again' })).toBe(false);
    expect(logs.at(-1)).toMatchObject({ level: 'error', method: 'response_url', error: 'http_404', body: 'used_url' });
  });
});
