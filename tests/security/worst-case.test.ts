import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adversarialTexts, SLACK_TEXT_CHARS } from '../../scripts/soak/adversarial';
import { REQUEST_LIMITS } from '../../src/core/answer/limits';
import { mention, useSlackSuite } from '../server/channels/slack/harness';
import { startServer, type RunningServer } from '../helpers/start-server';
import { httpApp, post } from '../server/http/harness';

/**
 * Inputs built to make a regular expression backtrack, at the API's limits, once took seconds to
 * minutes each (a 2,000-character question: about 20 minutes). The soak's target is 50 ms a
 * request; here each case counts its fastest of three tries, since other test files load the same
 * two cores, and the bound leaves room for that while still failing the old code by far.
 */
const BOUND_MS = 250;
const TRIES = 3;
const questions = adversarialTexts(REQUEST_LIMITS.questionChars);
const turns = adversarialTexts(REQUEST_LIMITS.turnChars);
/** A real first question, then the worst cases as the rest of a full history. */
const historyOf = (i: number) => [{ role: 'user' as const, content: 'What is ISKP?' }, ...Array.from({ length: REQUEST_LIMITS.historyTurns - 1 }, (_, k) => ({ role: k % 2 ? ('assistant' as const) : ('user' as const), content: turns[(i + k) % turns.length]!.text }))];

async function timed(run: () => Promise<Response>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await run();
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

/** The fastest of TRIES runs: what the input costs, without the moments another process had the core. */
async function fastest(run: () => Promise<Response>): Promise<{ status: number; ms: number }> {
  let best = await timed(run);
  for (let i = 1; i < TRIES; i++) {
    const next = await timed(run);
    if (next.ms < best.ms) best = next;
  }
  return best;
}

describe('worst-case input at the limits, in process', () => {
  it.each(['/api/ask', '/api/chat'])('%s answers (or declines) each worst-case question, with a full hostile history, quickly', async (path) => {
    const { send } = await httpApp({ RATE_LIMIT_PER_MINUTE: '0' });
    await send(post(path, { question: 'What is ISKP?' }));
    const slow: string[] = [];
    for (const [i, { name, text }] of questions.entries()) {
      const { status, ms } = await fastest(async () => send(post(path, { question: text, history: historyOf(i) })));
      expect(status, name).toBe(200);
      if (ms > BOUND_MS) slow.push(`${name}: ${Math.round(ms)} ms`);
    }
    expect(slow).toEqual([]);
  });
});

describe('worst-case Slack text', () => {
  const t = useSlackSuite();

  it('cleans and answers a 40,000-character mention, its thread full of the same, quickly', async () => {
    const slack = adversarialTexts(SLACK_TEXT_CHARS);
    t.stand.thread.messages = slack.map(({ text }, i) => ({ user: 'U1', text, ts: `1700000000.00010${i}` }));
    const slow: string[] = [];
    let n = 0;
    for (const { name, text } of slack) {
      // Each try a new message (dedupe would skip a repeat), answered in full: cleanup, history, answer, post.
      const { status, ms } = await fastest(async () => {
        n++;
        const res = await t.slack.postEvent(mention(`<@UBOT> ${text}`, { eventId: `Ev${n}`, ts: `1700000001.${String(n).padStart(6, '0')}`, threadTs: '1700000000.000100' }));
        await t.slack.settle();
        return res;
      });
      expect(status, name).toBe(200);
      if (ms > BOUND_MS) slow.push(`${name}: ${Math.round(ms)} ms`);
    }
    expect(slow).toEqual([]);
    expect(t.stand.posts()).toHaveLength(n);
  });
});

describe('worst-case input on a real server with an answer thread', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ RATE_LIMIT_PER_MINUTE: '0', ANSWER_THREADS: '1' });
  });
  afterAll(() => server?.stop());

  const ask = (question: string, history?: unknown) =>
    fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question, history }) });

  it('answers the question sent right after a poisoned one, and /healthz never waits', async () => {
    const poisoned = questions[1]!.text;
    const health: number[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) health.push((await timed(() => fetch(`${server.url}/healthz`))).ms);
    })();
    const first = await fastest(() => ask(poisoned, [{ role: 'user', content: 'What is ISKP?' }]));
    const next = await ask('Who wrote the paper?');
    const all = await Promise.all(questions.map(({ text }, i) => timed(() => ask(text, historyOf(i)))));
    probing = false;
    await probe;
    expect(first.status).toBe(200);
    expect(first.ms).toBeLessThan(BOUND_MS);
    expect(next.status).toBe(200);
    expect((await next.json()).citations[0].sourceId).toBe('tassev-2024');
    expect(all.map((r) => r.status)).toEqual(questions.map(() => 200));
    // Unaffected: the typical probe is as quick as ever, and none waits the way a stalled loop makes it.
    health.sort((a, b) => a - b);
    expect(health[Math.floor(health.length / 2)]).toBeLessThan(50);
    expect(health.at(-1)).toBeLessThan(1_000);
  });
});
