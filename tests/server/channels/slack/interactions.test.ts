import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../../../src/server/channels/slack/blocks';
import { blockText, BOT_USER, createSlackHarness, useSlackSuite, mention, RESPONSE_URL, signatureHeaders } from './harness';

type Button = { action_id: string; value: string };
const buttons = (message: { blocks?: unknown }) => ((message.blocks as Block[]).find((b) => b.type === 'actions') as { elements: Button[] }).elements;

describe('POST /slack/interactions', () => {
  const t = useSlackSuite();

  /** A mention answered in its thread: the message as Slack would show it, buttons included. */
  async function answeredInThread(question: string) {
    await t.slack.postEvent(mention(`<@${BOT_USER}> ${question}`, { ts: '1700000000.000100' }));
    await t.slack.settle();
    const post = t.stand.posts()[0]!;
    t.stand.reset();
    return { ts: '1700000000.000200', text: post.text as string, blocks: post.blocks as Block[] };
  }

  const click = (message: { ts?: string; text?: string; blocks?: Block[] } | undefined, button: Button, extra: Record<string, unknown> = {}) =>
    t.slack.postInteraction({
      type: 'block_actions',
      user: { id: 'U7', username: 'ana' },
      channel: { id: 'C1', name: 'general' },
      container: { type: 'message', message_ts: message?.ts ?? '1700000000.000300', channel_id: 'C1', is_ephemeral: !message },
      ...(message ? { message } : {}),
      response_url: RESPONSE_URL,
      actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: 'iskp_actions', action_ts: '1700000001.0' }],
      ...extra,
    });

  it('records a vote with the question, answer and sources, and thanks the voter in place of the buttons', async () => {
    const message = await answeredInThread('Which references did the CTC Sentinel publish?');
    const helpful = buttons(message).find((b) => b.action_id === 'feedback_helpful')!;

    const res = await click(message, helpful);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await t.slack.settle();

    expect(t.slack.feedback).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        channel: 'slack',
        vote: 'helpful',
        user: 'U7',
        question: 'Which references did the CTC Sentinel publish?',
        answer: expect.stringMatching(/^Two of the 24 references are from CTC Sentinel/),
        sources: ['hamming-2023', 'jadoon-2023'],
        answerable: true,
        mode: 'extractive',
        context: { conversation: 'C1', message: '1700000000.000200' },
      },
    ]);
    const [update] = t.stand.responses;
    expect(update).toMatchObject({ replace_original: true });
    expect(blockText(update!)).toContain('Thanks for the feedback — marked *helpful*.');
    expect(blockText(update!)).toContain('Two of the 24 references'); // the answer stays
    expect(JSON.stringify(update)).not.toContain('feedback_helpful'); // one vote per message
  });

  it('records "not helpful" on a private answer, thanking privately when Slack sends no original blocks', async () => {
    await t.slack.postCommand({ text: 'What is the weather in Paris?' });
    await t.slack.settle();
    const answer = t.stand.responses[0]!;
    t.stand.reset();

    await click(undefined, buttons(answer).find((b) => b.action_id === 'feedback_not_helpful')!);
    await t.slack.settle();
    expect(t.slack.feedback).toEqual([expect.objectContaining({ vote: 'not_helpful', question: 'What is the weather in Paris?', answerable: false, sources: [] })]);
    expect(t.stand.responses).toEqual([expect.objectContaining({ response_type: 'ephemeral', replace_original: false, text: 'Thanks for the feedback.' })]);
  });

  it('keeps button values within Slack’s 2,000 characters, shortening long answers', async () => {
    const long = 'A very long answer sentence with “quotes” and \\ escapes [1]. '.repeat(100);
    t.slack = createSlackHarness(t.engine, { answerer: (real) => ({ ...real, ask: async (r) => ({ ...(await real.ask(r)), answer: long }) }) });
    const message = await answeredInThread('What is ISKP’s strategy?');
    for (const b of buttons(message)) expect(b.value.length).toBeLessThanOrEqual(2000);
    await click(message, buttons(message)[0]!);
    await t.slack.settle();
    expect(t.slack.feedback[0]!.answer).toMatch(/^A very long answer sentence.*…$/);
  });

  it('posts a private answer to the channel, naming who asked, then removes the private copy', async () => {
    await t.slack.postCommand({ text: 'Who wrote the paper?' });
    await t.slack.settle();
    const post = buttons(t.stand.responses[0]!).find((b) => b.action_id === 'post_to_channel')!;
    t.stand.reset();

    await click(undefined, post);
    await t.slack.settle();
    const [inChannel, removal] = t.stand.responses;
    expect(inChannel).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(blockText(inChannel!)).toContain('<@U7> asked: _Who wrote the paper?_');
    expect(blockText(inChannel!)).toContain('Tassev');
    expect(buttons(inChannel!).map((b) => b.action_id)).toEqual(['feedback_helpful', 'feedback_not_helpful']);
    expect(removal).toEqual({ delete_original: true });
  });

  it('keeps the private copy when posting to the channel fails, and says why in the log', async () => {
    await t.slack.postCommand({ text: 'Who wrote the paper?' });
    await t.slack.settle();
    const post = buttons(t.stand.responses[0]!).find((b) => b.action_id === 'post_to_channel')!;
    t.stand.reset();
    t.stand.respond = () => new HttpResponse('expired_url', { status: 404 });

    await click(undefined, post);
    await t.slack.settle();
    expect(t.stand.responses).toHaveLength(1); // no delete_original after a failed post
    expect(t.slack.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'slack call failed', method: 'response_url', error: 'http_404', body: 'expired_url' }));
  });

  it('ignores buttons it did not make, and says so in the log', async () => {
    await click(undefined, { action_id: 'feedback_helpful', value: 'not json' });
    await t.slack.settle();
    expect(t.slack.feedback).toEqual([]);
    expect(t.stand.responses).toEqual([]);
    expect(t.slack.logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/feedback ignored/) }));
  });

  it('refuses a body that is not an interaction payload', async () => {
    const res = await t.slack.app.request('/slack/interactions', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders('payload=%7B') },
      body: 'payload=%7B',
    });
    expect(res.status).toBe(400);
  });
});
