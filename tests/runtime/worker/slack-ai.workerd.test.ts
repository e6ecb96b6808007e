import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSlackStandIn, type SlackStandIn } from '../../helpers/slack-stand-in';
import { applyFeedbackMigration, slackHeaders, startTestWorker, type TestWorker } from '../../helpers/workerd';

const SIGNING_SECRET = 'test-signing-secret';
const API_KEY = 'test-api-key';
const DM = 'D0WORKER';
const RETRY = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };

type Worker = TestWorker;
type Block = { type: string; elements?: Record<string, unknown>[]; text?: { text: string } };

/**
 * Issue 27's flows on the Worker, in workerd: every answer made under `waitUntil` after the
 * acknowledgement, repeats caught by the claims Durable Object, votes kept in D1. Against the
 * loopback Slack stand-in, whose validator checks every call (`close()` fails the suite on any it refused).
 */
describe('Slack as an AI app on the Worker (workerd)', () => {
  let persist: string;
  let slack: SlackStandIn;
  let worker: Worker | undefined;
  let base: URL;
  const workerLog: string[] = [];

  beforeAll(async () => {
    slack = await startSlackStandIn({ streaming: true, agentView: true });
    persist = await mkdtemp(join(tmpdir(), 'iskp-worker-slack-'));
    await applyFeedbackMigration(persist);
    vi.spyOn(console, 'log').mockImplementation((...args) => void workerLog.push(args.join(' ')));
    worker = await startTestWorker({
      persist,
      bindings: {
        SLACK_SIGNING_SECRET: { type: 'secret_text', value: SIGNING_SECRET },
        SLACK_BOT_TOKEN: { type: 'secret_text', value: 'xoxb-worker' },
        SLACK_API_URL: { type: 'plain_text', value: `${slack.url}/api` },
        SLACK_HOOKS_URL: { type: 'plain_text', value: `${slack.url}/response` },
        API_KEYS: { type: 'secret_text', value: API_KEY },
        PUBLIC_URL: { type: 'plain_text', value: 'https://bot.example.org' },
      },
    });
    base = await worker.url;
  });

  afterAll(async () => {
    await worker?.dispose();
    await slack?.close();
    vi.restoreAllMocks();
    if (persist) await rm(persist, { recursive: true, force: true });
  });

  beforeEach(() => {
    slack.clear();
    Object.assign(slack.workspace, { streaming: true, agentView: true });
  });

  const signed = async (path: string, body: string, contentType: string, headers: Record<string, string> = {}) => {
    const res = await fetch(new URL(path, base), { method: 'POST', headers: { ...slackHeaders(SIGNING_SECRET, body, contentType), ...headers }, body });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  };
  const event = (eventId: string, payload: Record<string, unknown>, headers?: Record<string, string>) =>
    signed('/slack/events', JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: eventId, event: payload }), 'application/json', headers);
  const skipped = (eventId: string) => workerLog.some((line) => line.includes('"msg":"slack event skipped as a repeat"') && line.includes(`"eventId":"${eventId}"`));
  const waitFor = <T>(probe: () => T) => vi.waitFor(probe, { timeout: 15_000, interval: 50 });
  const finished = () => slack.messages().filter((m) => m.finished);

  it('offers prompts when the Messages tab opens, without a thread; the repeat is skipped', async () => {
    const opened = { type: 'app_home_opened', user: 'U1', channel: DM, tab: 'messages', event_ts: '1' };
    await event('EvW-messages', opened);
    const [offer] = await waitFor(() => {
      expect(slack.calls('assistant.threads.setSuggestedPrompts')).toHaveLength(1);
      return slack.calls('assistant.threads.setSuggestedPrompts');
    });
    expect(offer).toMatchObject({ channel_id: DM });
    expect(offer).not.toHaveProperty('thread_ts');
    expect(offer!.prompts).toHaveLength(4);
    await event('EvW-messages', opened, RETRY);
    await waitFor(() => expect(skipped('EvW-messages')).toBe(true));
    expect(slack.calls('assistant.threads.setSuggestedPrompts')).toHaveLength(1);
  });

  it('greets an assistant thread (the older view) and sets its prompts on it; the repeat is skipped', async () => {
    slack.workspace.agentView = false;
    const started = { type: 'assistant_thread_started', assistant_thread: { user_id: 'U1', channel_id: DM, thread_ts: '1700000050.000100', context: {} }, event_ts: '1' };
    await event('EvW-thread', started);
    await waitFor(() => expect(slack.calls('assistant.threads.setSuggestedPrompts')).toEqual([expect.objectContaining({ thread_ts: '1700000050.000100' })]));
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
    await event('EvW-thread', started, RETRY);
    await waitFor(() => expect(skipped('EvW-thread')).toBe(true));
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
  });

  it('streams the answer to a direct message after a status, with the sources and feedback buttons, and records a vote on it in D1, once', async () => {
    const message = { type: 'message', channel_type: 'im', channel: DM, user: 'U1', ts: '1700000060.000100', text: 'Which references did the CTC Sentinel publish?' };
    await event('EvW-dm', message);
    const [answer] = await waitFor(() => {
      expect(finished()).toHaveLength(1);
      return finished();
    });
    expect(slack.methods()).toEqual(['assistant.threads.setStatus', 'assistant.threads.setTitle', 'chat.startStream', 'chat.appendStream', 'chat.stopStream']);
    expect(answer!.text).toMatch(/^Two of the 24 references are from CTC Sentinel/);
    const blocks = answer!.blocks as Block[];
    expect(blocks.map((b) => b.type)).toEqual(['context', 'context', 'section', 'context_actions']);
    expect(JSON.stringify(blocks[0])).toContain('https://bot.example.org/sources/hamming-2023');

    await event('EvW-dm', message, RETRY);
    await waitFor(() => expect(skipped('EvW-dm')).toBe(true));
    expect(slack.calls('chat.startStream')).toHaveLength(1);

    const buttons = blocks[3]!.elements![0] as { negative_button: { value: string } };
    const click = {
      type: 'block_actions',
      user: { id: 'U9' },
      channel: { id: DM },
      container: { type: 'message', message_ts: answer!.ts, channel_id: DM },
      response_url: `${slack.url}/response/vote`,
      actions: [{ type: 'feedback_buttons', action_id: 'answer_feedback', value: buttons.negative_button.value, action_ts: '1700000061.000000' }],
    };
    const form = new URLSearchParams({ payload: JSON.stringify(click) }).toString();
    await signed('/slack/interactions', form, 'application/x-www-form-urlencoded');
    await signed('/slack/interactions', form, 'application/x-www-form-urlencoded', { 'x-slack-retry-num': '1' });
    await waitFor(async () => expect(await review()).toMatchObject({ total: 1, notHelpful: 1, mostNotHelpful: [{ question: message.text }] }));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await review()).toMatchObject({ total: 1 });
  });

  it('posts one message where Slack answers chat.startStream with method_not_supported', async () => {
    slack.script('chat.startStream', () => ({ body: { ok: false, error: 'method_not_supported' } }));
    try {
      await event('EvW-refused', { type: 'message', channel_type: 'im', channel: DM, user: 'U1', ts: '1700000070.000100', text: 'Who wrote the paper?' });
      await waitFor(() => expect(slack.calls('chat.postMessage')).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 1000));
      expect(slack.calls('chat.postMessage')).toEqual([expect.objectContaining({ channel: DM, thread_ts: '1700000070.000100' })]);
      expect(slack.messages()).toHaveLength(1);
    } finally {
      slack.script('chat.startStream', () => undefined);
    }
  });

  it('publishes the Home tab with the standing briefing’s bottom line; the repeat is skipped', async () => {
    const opened = { type: 'app_home_opened', user: 'U1', channel: DM, tab: 'home', event_ts: '1' };
    await event('EvW-home', opened);
    const [publish] = await waitFor(() => {
      expect(slack.calls('views.publish')).toHaveLength(1);
      return slack.calls('views.publish');
    });
    expect(JSON.stringify(publish!.view)).toMatch(/\*Bottom line:\* According to Tassev \(2024\)/);
    await event('EvW-home', opened, RETRY);
    await waitFor(() => expect(skipped('EvW-home')).toBe(true));
    expect(slack.calls('views.publish')).toHaveLength(1);
  });

  async function review() {
    const res = await fetch(new URL('/api/feedback', base), { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(res.status).toBe(200);
    return res.json();
  }
});

/** Runs the pinned wrangler's CLI, offline, and returns what it printed. */

