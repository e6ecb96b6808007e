import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeaders } from '../../server/channels/slack/harness';
import { startRedis, type RunningRedis } from '../../../scripts/lib/redis-server';
import { startSlackStandIn, until } from '../../helpers/slack-stand-in';
import { startServer, type RunningServer } from '../../helpers/start-server';

const SECRET = 'several-instances-secret';
const ROOT = join(import.meta.dirname, '../../..');

/**
 * Issue 26's done-when: two real Node servers behind one imaginary load balancer, sharing a real
 * redis-server, against a Slack stand-in on loopback.
 */
describe('several instances sharing Redis (REDIS_URL)', () => {
  let redis: RunningRedis;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let servers: RunningServer[];
  const dataDirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'iskp-instance-')));
  /** How long an answer took with Redis up: the yardstick for "as fast as usual" while it is down. */
  const usualMs: number[] = [];

  beforeAll(async () => {
    [redis, slack] = await Promise.all([startRedis(), startSlackStandIn()]);
    const env = (dataDir: string) => ({
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_MINUTE: '5',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-instances',
      SLACK_API_URL: `${slack.url}/api`,
      SLACK_HOOKS_URL: `${slack.url}/response`,
      ANSWER_THREADS: '0',
    });
    servers = await Promise.all(dataDirs.map((dir) => startServer(env(dir))));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers?.map((s) => s.stop()) ?? []);
    await Promise.all([redis?.stop(), slack?.close()]);
  });

  const a = () => servers[0]!;
  const b = () => servers[1]!;
  const signed = (server: RunningServer, path: string, body: string, contentType: string) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...signatureHeaders(body, { secret: SECRET }) }, body });
  const event = (server: RunningServer, envelope: unknown) => signed(server, '/slack/events', JSON.stringify(envelope), 'application/json');
  const vote = (server: RunningServer, user: string, action: { action_id: string; value: string }) => {
    const payload = { type: 'block_actions', user: { id: user }, container: { type: 'message', channel_id: 'D1', message_ts: '1' }, response_url: `${slack.url}/response/vote-${user}`, actions: [action] };
    return signed(server, '/slack/interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  };
  const ask = async (server: RunningServer) => {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Who wrote the paper?' }) });
    await res.arrayBuffer();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: performance.now() - started };
  };
  const answersIn = (threadTs: string) => slack.calls('chat.postMessage').filter((c) => c.thread_ts === threadTs);
  /** One DM message as Slack delivers it: an app_mention to one instance, a message.im to the other. */
  const dmTwice = async (ts: string, ids: [string, string]) => {
    const text = '<@UBOT> Which references did the CTC Sentinel publish?';
    const base = { user: 'U1', channel: 'D1', ts, text };
    const [first, second] = await Promise.all([
      event(a(), { type: 'event_callback', event_id: ids[0], event: { type: 'app_mention', ...base } }),
      event(b(), { type: 'event_callback', event_id: ids[1], event: { type: 'message', channel_type: 'im', ...base } }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await until(() => (answersIn(ts).length ? true : undefined));
    // Long enough for a second answer to have been posted, were there one.
    await new Promise((r) => setTimeout(r, 1500));
  };
  const review = async (dataDir: string) => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/feedback.ts', '--json'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, REDIS_URL: redis.url, DATA_DIR: dataDir },
    });
    return JSON.parse(stdout) as { total: number; helpful: number; notHelpful: number; mostNotHelpful: { question: string }[] };
  };

  it('answers one DM message delivered as two events to two instances exactly once', async () => {
    await dmTwice('1700000000.000100', ['EvMention1', 'EvIm1']);
    expect(answersIn('1700000000.000100')).toHaveLength(1);
  });

  it('counts the rate limit across instances: the sixth question in a minute is refused, whichever instance gets it', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push(await ask(i % 2 ? b() : a()));
    usualMs.push(...statuses.slice(0, 5).map((s) => s.ms));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(statuses[5]!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await ask(a())).status).toBe(429);
  });

  it('keeps votes cast on either instance in one place: one `npm run feedback -- --json` shows both', async () => {
    const [answer] = answersIn('1700000000.000100');
    const buttons = (answer!.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((x) => x.type === 'actions')!.elements!;
    const helpful = buttons.find((x) => x.action_id === 'feedback_helpful')!;
    const notHelpful = buttons.find((x) => x.action_id === 'feedback_not_helpful')!;
    expect((await vote(a(), 'U1', helpful)).status).toBe(200);
    expect((await vote(b(), 'U2', notHelpful)).status).toBe(200);
    await until(() => (slack.responses('/response/vote-U1').length && slack.responses('/response/vote-U2').length ? true : undefined));
    const report = await review(dataDirs[0]!);
    expect(report).toMatchObject({ total: 2, helpful: 1, notHelpful: 1, mostNotHelpful: [{ question: 'Which references did the CTC Sentinel publish?' }] });
  });

  it('keeps answering, as fast as usual, while Redis is down, logging the outage once; then uses Redis again', async () => {
    await redis.stop();

    // The buckets are empty (the test before), yet every question is answered: the limit fails open.
    const during = [];
    for (let i = 0; i < 10; i++) during.push(await ask(i % 2 ? b() : a()));
    expect(during.map((r) => r.status)).toEqual(Array(10).fill(200));
    // A dead Redis costs nothing: no request waits on it (3x the slowest answer before, for a loaded machine).
    expect(Math.max(...during.map((r) => r.ms))).toBeLessThan(3 * Math.max(...usualMs) + 200);
    const outageLines = (server: RunningServer) => server.logs.filter((l) => l.includes('redis unavailable'));
    for (const server of servers) expect(outageLines(server)).toHaveLength(1);

    // A vote during the outage lands in that instance's local log, and the review merges it back.
    const [answer] = answersIn('1700000000.000100');
    const notHelpful = (answer!.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((x) => x.type === 'actions')!.elements!.find((x) => x.action_id === 'feedback_not_helpful')!;
    expect((await vote(a(), 'U3', notHelpful)).status).toBe(200);
    await until(() => (slack.responses('/response/vote-U3').length ? true : undefined));

    await redis.restart();
    // Reconnected by itself: the buckets, still empty in Redis, refuse again on both instances.
    await expect.poll(async () => (await ask(a())).status, { timeout: 15_000, interval: 250 }).toBe(429);
    await expect.poll(async () => (await ask(b())).status, { timeout: 15_000, interval: 250 }).toBe(429);
    for (const server of servers) expect(server.logs.some((l) => l.includes('redis is back'))).toBe(true);
    await dmTwice('1700000000.000200', ['EvMention2', 'EvIm2']);
    expect(answersIn('1700000000.000200')).toHaveLength(1);

    const report = await review(dataDirs[0]!);
    expect(report).toMatchObject({ total: 3, helpful: 1, notHelpful: 2 });
  });
});
