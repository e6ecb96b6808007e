import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/core/log';
import { sharedEngine } from '../server/http/harness';
import { expectWellFormed } from './well-formed';
import { apiRequest, signedSlackRequest, SLACK_SECRET, type FuzzRequest } from './hostile-input';

/** The real app with every channel on, no rate limit (the fuzzer is one client), Slack's API stubbed. */
async function fuzzTarget() {
  const ready = await sharedEngine();
  const background: Promise<unknown>[] = [];
  const app = createApp({
    config: parseConfig({ EMBEDDER: 'lexical', RATE_LIMIT_PER_MINUTE: '0', SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_BOT_TOKEN: 'xoxb-fuzz', SLACK_API_URL: 'https://slack.test/api', SLACK_HOOKS_URL: 'https://hooks.slack.test', PUBLIC_URL: 'http://bot.example' }),
    logger: silentLogger,
    ready: () => ready,
    waitUntil: (work) => void background.push(work),
    fetch: async () => Response.json({ ok: true, messages: [] }),
    widgetScript: () => '/* widget */',
  });
  const send = ({ method, path, contentType, body, headers = {} }: FuzzRequest & { headers?: Record<string, string> }) =>
    app.request(`http://bot.example${path}`, { method, headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers }, body: method === 'GET' || method === 'HEAD' ? undefined : body });
  return { send, background };
}

async function expectHealthy(send: Awaited<ReturnType<typeof fuzzTarget>>['send']) {
  const res = await send({ method: 'POST', path: '/api/ask', contentType: 'application/json', body: JSON.stringify({ question: 'Which references did the CTC Sentinel publish?' }) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { citations: { sourceId: string }[] };
  expect(body.citations.map((c) => c.sourceId).sort()).toEqual(['hamming-2023', 'jadoon-2023']);
}

describe('fuzzing the JSON routes in process (app.request)', () => {
  it('answers every hostile /api request without a 5xx, each refusal a JSON error with a code, and stays healthy', async () => {
    const { send } = await fuzzTarget();
    await fc.assert(
      fc.asyncProperty(apiRequest, async (req) => expectWellFormed(await send(req), req)),
      { numRuns: 200 },
    );
    await expectHealthy(send);
  }, 120_000);

  it('answers every hostile but validly signed Slack request without a 5xx, and no background answer fails', async () => {
    const { send, background } = await fuzzTarget();
    await fc.assert(
      fc.asyncProperty(signedSlackRequest, async (req) => {
        const res = await send(req);
        expect(res.status, `${req.path} ${req.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/^[a-z_]+$/);
      }),
      { numRuns: 150 },
    );
    // Background work (answers, posts to Slack) logs its own failures; none may escape as a rejection.
    const settled = await Promise.allSettled(background);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    await expectHealthy(send);
  }, 120_000);
});
