import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackStandIn, until } from '../../../helpers/slack-stand-in';
import { startServer, type RunningServer } from '../../../helpers/start-server';
import { blockText, signatureHeaders } from './harness';

const SECRET = 'e2e-signing-secret';

describe('done when: the real Node server answers Slack, against a stand-in Slack on loopback', () => {
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let server: RunningServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'iskp-slack-e2e-'));

  const post = async (path: string, body: string, contentType: string, headers: Record<string, string> = signatureHeaders(body, { secret: SECRET })) => {
    const started = performance.now();
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
    return { res, ms: performance.now() - started };
  };
  const event = (envelope: unknown, headers?: Record<string, string>) => {
    const body = JSON.stringify(envelope);
    return post('/slack/events', body, 'application/json', { ...signatureHeaders(body, { secret: SECRET }), ...headers });
  };

  beforeAll(async () => {
    slack = await startSlackStandIn();
    server = await startServer({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-e2e', SLACK_API_URL: `${slack.url}/api`, SLACK_HOOKS_URL: `${slack.url}/response`, DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await server?.stop();
    await slack?.close();
  });

  const mention = {
    type: 'event_callback',
    event_id: 'Ev0E2E',
    event: { type: 'app_mention', user: 'U1', channel: 'C1', ts: '1700000000.000100', text: '<@UBOT> Which references did the CTC Sentinel publish?' },
  };

  it('acknowledges a signed app_mention in under 3 s and answers it once, in its thread, with the answer and its sources', async () => {
    const { res, ms } = await event(mention);
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(3000);

    const [answer] = await until(() => (slack.calls('chat.postMessage').length ? slack.calls('chat.postMessage') : undefined));
    expect(answer).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000100', authorization: 'Bearer xoxb-e2e' });
    expect(answer!.text).toMatch(/^Two of the 24 references are from CTC Sentinel/);
    const text = blockText(answer!);
    expect(text).toContain('*[1]* Hamming, T. (2023). _The General Directorate of Provinces: Managing the Islamic State’s Global Network._ CTC Sentinel.');
    expect(text).toContain('*[2]* Jadoon, A., Mines, A. &amp; Sayed, A. (2023).');

    // Slack delivers the same event again, as if the acknowledgement had been late.
    const retry = await event(mention, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
  });

  it('answers a follow-up in the thread, reading the thread first', async () => {
    const before = slack.calls('chat.postMessage').length;
    await event({ ...mention, event_id: 'Ev1E2E', event: { ...mention.event, ts: '1700000000.000300', thread_ts: '1700000000.000100', text: '<@UBOT> and 2018?' } });
    await until(() => (slack.calls('chat.postMessage').length > before ? true : undefined));
    expect(slack.calls('conversations.replies')).toEqual([expect.objectContaining({ channel: 'C1', ts: '1700000000.000100', authorization: 'Bearer xoxb-e2e' })]);
    expect(slack.calls('chat.postMessage').at(-1)).toMatchObject({ thread_ts: '1700000000.000100' });
  });

  it('acknowledges the slash command at once and answers through response_url; a vote lands in feedback.jsonl', async () => {
    const form = new URLSearchParams({ command: '/iskp', text: 'Who wrote the paper?', user_id: 'U1', channel_id: 'C1', response_url: `${slack.url}/response/cmd-1` }).toString();
    const { res, ms } = await post('/slack/commands', form, 'application/x-www-form-urlencoded');
    expect(ms).toBeLessThan(3000);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: 'Looking this up… _Who wrote the paper?_' });

    const [answer] = await until(() => (slack.responses('/response/cmd-1').length ? slack.responses('/response/cmd-1') : undefined));
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(blockText(answer!)).toMatch(/Tassev, I\. V\. \(2024\)/);

    const actions = (answer!.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions')!.elements!;
    const helpful = actions.find((a) => a.action_id === 'feedback_helpful')!;
    const payload = { type: 'block_actions', user: { id: 'U1' }, container: { type: 'message', is_ephemeral: true }, response_url: `${slack.url}/response/cmd-1`, actions: [{ action_id: helpful.action_id, value: helpful.value }] };
    const click = await post('/slack/interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
    expect(click.res.status).toBe(200);
    await until(() => (slack.responses('/response/cmd-1').length === 2 ? true : undefined));
    const lines = readFileSync(join(dataDir, 'feedback.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ channel: 'slack', vote: 'helpful', user: 'U1', question: 'Who wrote the paper?', sources: ['tassev-2024'] })]);
  });

  it('answers 401 to a bad or stale signature, and does nothing', async () => {
    const body = JSON.stringify({ ...mention, event_id: 'EvForged' });
    const forged = await post('/slack/events', body, 'application/json', signatureHeaders(body, { secret: 'not-the-secret' }));
    const stale = await post('/slack/events', body, 'application/json', signatureHeaders(body, { secret: SECRET, at: Date.now() - 6 * 60_000 }));
    expect([forged.res.status, stale.res.status]).toEqual([401, 401]);
    expect(await forged.res.json()).toMatchObject({ error: { code: 'invalid_signature' } });
  });

  it('logged at start that Slack is on', () => {
    expect(server.logs.join('\n')).toMatch(/"msg":"slack on"/);
  });
});
