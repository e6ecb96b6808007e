import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlackStandIn, until, type SlackStandIn } from '../../../helpers/slack-stand-in';
import { startServer, type RunningServer } from '../../../helpers/start-server';
import { blockText, signatureHeaders } from './harness';

const SECRET = 'ai-app-signing-secret';
const DM = 'D0AIAPP';
const RETRY = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };

type Block = { type: string; elements?: Record<string, unknown>[]; text?: { text: string } };

/**
 * Issue 27's done-when: the real Node server as Slack's AI app, against a Slack stand-in on
 * loopback whose workspace streams and is on Slack's agent view. Every call the server makes is
 * checked by the stand-in's Block Kit validator; `close()` fails the suite on any it refused.
 */
describe('done when: Slack as an AI app, the real Node server against a stand-in Slack on loopback', () => {
  let slack: SlackStandIn;
  let server: RunningServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'iskp-slack-ai-'));

  beforeAll(async () => {
    slack = await startSlackStandIn({ streaming: true, agentView: true });
    server = await startServer({
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-ai',
      SLACK_API_URL: `${slack.url}/api`,
      SLACK_HOOKS_URL: `${slack.url}/response`,
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://bot.example.org',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await slack?.close();
  });
  beforeEach(() => {
    slack.clear();
    Object.assign(slack.workspace, { streaming: true, agentView: true });
  });

  const signed = async (path: string, body: string, contentType: string, headers: Record<string, string> = {}) => {
    const started = performance.now();
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...signatureHeaders(body, { secret: SECRET }), ...headers }, body });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
    return res;
  };
  const event = (eventId: string, payload: Record<string, unknown>, headers?: Record<string, string>) =>
    signed('/slack/events', JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: eventId, event: payload }), 'application/json', headers);
  const interaction = (payload: unknown, headers?: Record<string, string>) => signed('/slack/interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', headers);
  /** Long enough for a repeat to have been acted on, were it. */
  const settle = () => new Promise((r) => setTimeout(r, 1500));
  const prompts = () => slack.calls('assistant.threads.setSuggestedPrompts');

  it('a signed app_home_opened on the Messages tab leads to suggested prompts, set without a thread as the agent view takes them; its retry to nothing', async () => {
    const opened = { type: 'app_home_opened', user: 'U1', channel: DM, tab: 'messages', event_ts: '1' };
    await event('EvMessagesTab', opened);
    const [offer] = await until(() => (prompts().length ? prompts() : undefined));
    expect(offer).toMatchObject({ channel_id: DM, authorization: 'Bearer xoxb-ai' });
    expect(offer).not.toHaveProperty('thread_ts');
    expect((offer!.prompts as { message: string }[]).map((p) => p.message)[0]).toBe('Brief me on the paper');
    expect(offer!.prompts).toHaveLength(4);

    await event('EvMessagesTab', opened, RETRY);
    await settle();
    expect(prompts()).toHaveLength(1);
    expect(slack.violations).toEqual([]);
  });

  it('a signed assistant_thread_started (the older view) leads to a greeting and prompts on that thread; its retry to nothing', async () => {
    slack.workspace.agentView = false;
    const started = { type: 'assistant_thread_started', assistant_thread: { user_id: 'U1', channel_id: DM, thread_ts: '1700000050.000100', context: {} }, event_ts: '1' };
    await event('EvThreadStarted', started);
    await until(() => (prompts().length ? true : undefined));
    expect(prompts()).toEqual([expect.objectContaining({ channel_id: DM, thread_ts: '1700000050.000100' })]);
    expect(slack.calls('chat.postMessage')).toEqual([expect.objectContaining({ channel: DM, thread_ts: '1700000050.000100', text: expect.stringMatching(/^Hi! I answer questions about ISKP/) })]);

    await event('EvThreadStarted', started, RETRY);
    await settle();
    expect(prompts()).toHaveLength(1);
  });

  it('a message in the app’s conversation leads to a status, a stream started, appended and stopped, the sources and feedback buttons in its final blocks; its retry to nothing', async () => {
    const message = { type: 'message', channel_type: 'im', channel: DM, user: 'U1', ts: '1700000060.000100', text: 'Which references did the CTC Sentinel publish?' };
    await event('EvDmStream', message);
    const [stream] = await until(() => (slack.messages().some((m) => m.finished) ? slack.messages() : undefined));
    expect(slack.methods()).toEqual(['assistant.threads.setStatus', 'assistant.threads.setTitle', 'chat.startStream', 'chat.appendStream', 'chat.stopStream']);
    expect(slack.calls('assistant.threads.setStatus')[0]).toMatchObject({ channel_id: DM, thread_ts: message.ts, status: 'Searching the sources…' });
    expect(stream).toMatchObject({ channel: DM, threadTs: message.ts, streamed: true, finished: true });
    expect(stream!.text).toMatch(/^Two of the 24 references are from CTC Sentinel:\n- Hamming \(2023\)/);

    const blocks = stream!.blocks as Block[];
    expect(blocks.map((b) => b.type)).toEqual(['context', 'context', 'section', 'context_actions']);
    expect(blockText({ blocks: blocks.slice(0, 2) })).toMatch(/^\*<https:\/\/bot\.example\.org\/sources\/hamming-2023\?q=.+\|\[1\]>\* Hamming, T\. \(2023\)\. .+ — “.+”\n\*<https:\/\/bot\.example\.org\/sources\/jadoon-2023\?q=.+\|\[2\]>\* Jadoon/);
    expect(blocks[3]!.elements![0]).toMatchObject({ type: 'feedback_buttons', action_id: 'answer_feedback' });

    await event('EvDmStream', message, RETRY);
    await settle();
    expect(slack.calls('chat.startStream')).toHaveLength(1);
    expect(slack.messages()).toHaveLength(1);
  });

  it('a Slack that answers chat.startStream with method_not_supported gets exactly one chat.postMessage answer', async () => {
    slack.script('chat.startStream', () => ({ body: { ok: false, error: 'method_not_supported' } }));
    try {
      await event('EvDmRefused', { type: 'message', channel_type: 'im', channel: DM, user: 'U1', ts: '1700000070.000100', text: 'Who wrote the paper?' });
      await until(() => (slack.calls('chat.postMessage').length ? true : undefined));
      await settle();
      expect(slack.calls('chat.postMessage')).toEqual([expect.objectContaining({ channel: DM, thread_ts: '1700000070.000100', text: expect.stringMatching(/Tassev/) })]);
      expect(slack.calls('chat.update')).toEqual([]);
      expect(slack.messages()).toHaveLength(1);
    } finally {
      slack.script('chat.startStream', () => undefined);
    }
  });

  it('a click on the feedback buttons is recorded (in feedback.jsonl on one Node process) with its vote; its retry is not', async () => {
    await event('EvDmVote', { type: 'message', channel_type: 'im', channel: DM, user: 'U1', ts: '1700000080.000100', text: 'Who wrote the paper?' });
    const [answer] = await until(() => (slack.messages().some((m) => m.finished) ? slack.messages() : undefined));
    const buttons = (answer!.blocks as Block[]).find((b) => b.type === 'context_actions')!.elements![0] as { negative_button: { value: string } };
    const click = {
      type: 'block_actions',
      user: { id: 'U9' },
      channel: { id: DM },
      container: { type: 'message', message_ts: answer!.ts, channel_id: DM },
      response_url: `${slack.url}/response/vote`,
      actions: [{ type: 'feedback_buttons', action_id: 'answer_feedback', value: buttons.negative_button.value, action_ts: '1700000081.000000' }],
    };
    await interaction(click);
    const votes = () => {
      try {
        return readFileSync(join(dataDir, 'feedback.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      } catch {
        return [];
      }
    };
    await until(() => (votes().length ? true : undefined));
    await interaction(click, { 'x-slack-retry-num': '1' });
    await settle();
    expect(votes()).toEqual([
      expect.objectContaining({ channel: 'slack', vote: 'not_helpful', user: 'U9', question: 'Who wrote the paper?', mode: 'extractive', sources: ['tassev-2024'], context: { conversation: DM, message: answer!.ts } }),
    ]);
  });

  it('app_home_opened publishes a Home view with the standing briefing’s bottom line; its retry publishes nothing', async () => {
    const opened = { type: 'app_home_opened', user: 'U1', channel: DM, tab: 'home', event_ts: '1' };
    await event('EvHomeTab', opened);
    const [publish] = await until(() => (slack.calls('views.publish').length ? slack.calls('views.publish') : undefined));
    expect(publish).toMatchObject({ user_id: 'U1', view: { type: 'home' } });
    expect(blockText(publish!.view as { blocks: unknown })).toMatch(/\*Bottom line:\* According to Tassev \(2024\), .+\[1\]/);

    await event('EvHomeTab', opened, RETRY);
    await settle();
    expect(slack.calls('views.publish')).toHaveLength(1);
  });
});
