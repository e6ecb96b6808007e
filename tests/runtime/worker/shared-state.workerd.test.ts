import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSlackStandIn } from '../../helpers/slack-stand-in';
import { applyFeedbackMigration, FEEDBACK_DATABASE, slackHeaders, startTestWorker, wrangler, type TestWorker } from '../../helpers/workerd';

const SIGNING_SECRET = 'test-signing-secret';
const API_KEY = 'test-api-key';

/** One DM message, as Slack delivers it twice: a mention and a message in the conversation, with different event ids. */
const DM = { channel: 'D0DM', ts: '1700000000.000100', user: 'U1', text: '<@UBOT> Who wrote the paper?' };
const QUESTION = 'Who wrote the paper?';
/** The `ts` Slack gave the answer: what the vote's payload names as its message. */
const ANSWER_TS = '1700000099.000100';

type Worker = TestWorker;

describe('Worker shared state in workerd: Slack claims in a Durable Object, votes in D1', () => {
  let persist: string;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let worker: Worker | undefined;
  let base: URL;
  // What the Worker logs (console.log in workerd), relayed by wrangler at logLevel 'log'.
  const workerLog: string[] = [];

  /** Starts the Worker on `persist`, where the Durable Object's and D1's data live across starts. */
  async function start(): Promise<void> {
    worker = await startTestWorker({
      persist,
      bindings: {
        SLACK_SIGNING_SECRET: { type: 'secret_text', value: SIGNING_SECRET },
        SLACK_BOT_TOKEN: { type: 'secret_text', value: 'xoxb-test' },
        SLACK_API_URL: { type: 'plain_text', value: `${slack.url}/api` },
        SLACK_HOOKS_URL: { type: 'plain_text', value: slack.url },
        API_KEYS: { type: 'secret_text', value: API_KEY },
      },
    });
    base = await worker.url;
  }

  beforeAll(async () => {
    slack = await startSlackStandIn();
    persist = await mkdtemp(join(tmpdir(), 'iskp-worker-state-'));
    // The table the deployer makes with `wrangler d1 migrations apply --remote`, made locally in the Worker's persist folder.
    await applyFeedbackMigration(persist);
    vi.spyOn(console, 'log').mockImplementation((...args) => void workerLog.push(args.join(' ')));
    await start();
  });

  afterAll(async () => {
    await worker?.dispose();
    await slack?.close();
    vi.restoreAllMocks();
    if (persist) await rm(persist, { recursive: true, force: true });
  });

  const signed = (path: string, body: string, contentType: string) => fetch(new URL(path, base), { method: 'POST', headers: slackHeaders(SIGNING_SECRET, body, contentType), body });
  const postEvent = (eventId: string, event: Record<string, unknown>) =>
    signed('/slack/events', JSON.stringify({ type: 'event_callback', event_id: eventId, event: { ...DM, ...event } }), 'application/json');
  const skipped = (eventId: string) => workerLog.some((line) => line.includes('"msg":"slack event skipped as a repeat"') && line.includes(`"eventId":"${eventId}"`));
  /** Answers posted in the DM's thread: the messages that carry the feedback buttons, one per answer. */
  const answers = () => (slack.calls('chat.postMessage') as Post[]).filter((p) => p.channel === DM.channel && p.thread_ts === DM.ts && feedbackButtons(p) !== undefined);
  const review = async () => {
    const res = await fetch(new URL('/api/feedback', base), { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(res.status).toBe(200);
    return res.json();
  };

  it('answers a DM delivered as two events exactly once', async () => {
    expect((await postEvent('Ev1', { type: 'app_mention' })).status).toBe(200);
    expect((await postEvent('Ev2', { type: 'message', channel_type: 'im' })).status).toBe(200);
    // The repeat is logged as skipped when its request is acknowledged; the first is answered in the background.
    await vi.waitFor(() => {
      expect(skipped('Ev2')).toBe(true);
      expect(answers()).toHaveLength(1);
    }, { timeout: 15_000 });
    expect(skipped('Ev1')).toBe(false);
  });

  it('records a vote on that answer in D1', async () => {
    const answer = answers()[0]!;
    const button = feedbackButtons(answer)!.find((b) => b.action_id === 'feedback_not_helpful')!;
    const payload = {
      type: 'block_actions',
      user: { id: 'U7' },
      channel: { id: DM.channel },
      container: { type: 'message', message_ts: ANSWER_TS, channel_id: DM.channel },
      message: { ts: ANSWER_TS, text: answer.text, blocks: answer.blocks },
      response_url: `${slack.url}/response/1`,
      actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: 'iskp_actions', action_ts: '1700000001.000000' }],
    };
    const res = await signed('/slack/interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    // The thank-you goes out after the vote is stored.
    await vi.waitFor(() => expect(slack.responses('/response/1')).toHaveLength(1), { timeout: 15_000 });
    expect(workerLog.some((line) => line.includes('"msg":"feedback"'))).toBe(false); // not the logged fallback
    expect(await review()).toMatchObject({ total: 1, notHelpful: 1, mostNotHelpful: [{ question: QUESTION }] });
  });

  it('keeps the claims and the vote across a restart, which empties the isolate', async () => {
    await worker!.dispose();
    worker = undefined;
    // On disk, in columns a maintainer can query with `wrangler d1 execute`.
    const [{ results }] = JSON.parse(
      await wrangler('d1', 'execute', FEEDBACK_DATABASE, '--local', '--persist-to', persist, '--json', '--command', 'SELECT vote, mode, answerable, question, sources, channel, user, context FROM feedback'),
    );
    expect(results).toEqual([
      { vote: 'not_helpful', mode: 'extractive', answerable: 1, question: QUESTION, sources: expect.stringMatching(/^\["tassev-2024"/), channel: 'slack', user: 'U7', context: JSON.stringify({ conversation: DM.channel, message: ANSWER_TS }) },
    ]);

    await start();
    expect((await postEvent('Ev3', { type: 'message', channel_type: 'im' })).status).toBe(200);
    await vi.waitFor(() => expect(skipped('Ev3')).toBe(true), { timeout: 15_000 });
    expect(answers()).toHaveLength(1);
    expect(await review()).toMatchObject({ total: 1, notHelpful: 1, mostNotHelpful: [{ question: QUESTION }] });
  }, 90_000);
});

/** Runs the pinned wrangler's CLI, offline, and returns what it printed. */


type Button = { action_id: string; value: string };
type Post = Record<string, unknown> & { blocks?: { type: string; elements?: Button[] }[] };

/** The feedback buttons of a posted message, if it has them. */
function feedbackButtons(post: Post): Button[] | undefined {
  const buttons = post.blocks?.find((b) => b.type === 'actions')?.elements;
  return buttons?.some((b) => b.action_id === 'feedback_not_helpful') ? buttons : undefined;
}
