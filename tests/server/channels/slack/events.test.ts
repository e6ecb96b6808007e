import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { AskRequest } from '../../../../src/core/answer/types';
import { blockText, BOT_USER, createSlackHarness, useSlackSuite, mention } from './harness';

describe('POST /slack/events', () => {
  const t = useSlackSuite();

  it('answers the URL verification challenge', async () => {
    const res = await t.slack.postEvent({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('acknowledges a mention at once and answers it in its thread, citing the sources with quotes', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    t.slack = createSlackHarness(t.engine, { answerer: (real) => ({ ...real, ask: async (request) => (await held, real.ask(request)) }) });

    const res = await t.slack.postEvent(mention(`<@${BOT_USER}> Which references did the CTC Sentinel publish?`, { ts: '1700000000.000100' }));
    expect(res.status).toBe(200); // acknowledged while the answer is still held back
    expect(t.stand.posts()).toHaveLength(0);
    release();
    await t.slack.settle();

    const [post, ...more] = t.stand.posts();
    expect(more).toHaveLength(0);
    expect(post).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000100', authorization: 'Bearer xoxb-test' });
    const text = blockText(post!);
    expect(text).toContain('[1]');
    expect(text).toMatch(/Hamming, T\. \(2023\)\. _The General Directorate of Provinces: Managing the Islamic State’s Global Network\._ CTC Sentinel\. — “Hamming, T\. \(2023\)/);
    expect(text).toMatch(/Jadoon, A\., Mines, A\. &amp; Sayed, A\. \(2023\)/); // & escaped for Slack
    expect(text).toContain('• Jadoon et al. (2023)');
    expect(post!.text).toContain('CTC Sentinel [1]');
    // No history call for a message that starts a thread.
    expect(t.stand.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
  });

  it('answers a follow-up in a thread, the earlier messages as history: bots as the assistant, mentions stripped', async () => {
    const asked: AskRequest[] = [];
    t.slack = createSlackHarness(t.engine, { answerer: (real) => ({ ...real, ask: (request) => (asked.push(request), real.ask(request)) }) });
    t.stand.thread.messages = [
      { ts: '1700000000.000100', user: 'U1', text: `<@${BOT_USER}> Which references are from 2022?` },
      { ts: '1700000000.000200', bot_id: 'B1', text: 'Three of the 24 references are from 2022 &amp; cited.' },
      { ts: '1700000000.000300', user: 'U1', text: `<@${BOT_USER}> what about 2018?` },
    ];
    await t.slack.postEvent(mention(`<@${BOT_USER}> what about 2018?`, { ts: '1700000000.000300', threadTs: '1700000000.000100' }));
    await t.slack.settle();

    const history = t.stand.calls.find((c) => c.method === 'conversations.replies')!.args;
    expect(history).toMatchObject({ channel: 'C1', ts: '1700000000.000100', latest: '1700000000.000300', inclusive: 'false' });
    expect(asked).toEqual([
      {
        question: 'what about 2018?',
        history: [
          { role: 'user', content: 'Which references are from 2022?' },
          { role: 'assistant', content: 'Three of the 24 references are from 2022 & cited.' },
        ],
      },
    ]);
    const [post] = t.stand.posts();
    expect(post).toMatchObject({ thread_ts: '1700000000.000100' });
    expect(blockText(post!)).toMatch(/Al Jazeera \(2018\)/);
    expect(blockText(post!)).toMatch(/Jadoon, A\. \(2018\)/);
  });

  it('still answers when the thread history cannot be read', async () => {
    t.stand.reply = (method) => (method === 'conversations.replies' ? HttpResponse.json({ ok: false, error: 'missing_scope', needed: 'channels:history' }) : HttpResponse.json({ ok: true }));
    await t.slack.postEvent(mention(`<@${BOT_USER}> What is ISKP's strategy?`, { ts: '1700000000.000300', threadTs: '1700000000.000100' }));
    await t.slack.settle();
    expect(t.stand.posts()).toHaveLength(1);
    expect(t.slack.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'slack call failed', error: 'missing_scope', needed: 'channels:history' }));
  });

  it('answers a redelivered event once, however it is retried', async () => {
    const event = mention(`<@${BOT_USER}> What is ISKP's strategy?`, { eventId: 'EvSame' });
    expect((await t.slack.postEvent(event)).status).toBe(200);
    expect((await t.slack.postEvent(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    expect((await t.slack.postEvent(event, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' })).status).toBe(200);
    await t.slack.settle();
    expect(t.stand.posts()).toHaveLength(1);
  });

  it('answers a retry whose first delivery never arrived (connection failed), but not a timeout retry of one it never saw', async () => {
    await t.slack.postEvent(mention('<@UBOT> What is ISKP?', { eventId: 'EvLost', ts: '1.1' }), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'connection_failed' });
    await t.slack.postEvent(mention('<@UBOT> What is ISKP?', { eventId: 'EvElsewhere', ts: '1.2' }), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await t.slack.settle();
    expect(t.stand.posts().map((p) => p.thread_ts)).toEqual(['1.1']);
  });

  it('ignores bots (itself included), edits, deletions and channel messages that are not mentions', async () => {
    const ignored = [
      mention('<@UBOT> hello from a bot', { eventId: 'E1', bot_id: 'B1' }),
      { type: 'event_callback', event_id: 'E2', event: { type: 'message', subtype: 'bot_message', bot_id: 'BSELF', text: 'my own answer', ts: '1.2', channel: 'D1', channel_type: 'im' } },
      { type: 'event_callback', event_id: 'E3', event: { type: 'message', subtype: 'message_changed', channel: 'D1', channel_type: 'im', ts: '1.3', message: { text: 'edited' } } },
      { type: 'event_callback', event_id: 'E4', event: { type: 'message', subtype: 'message_deleted', channel: 'D1', channel_type: 'im', ts: '1.4' } },
      { type: 'event_callback', event_id: 'E5', event: { type: 'message', user: 'U1', text: 'chatter', channel: 'C1', channel_type: 'channel', ts: '1.5' } },
      { type: 'event_callback', event_id: 'E6', event: { type: 'reaction_added', user: 'U1', reaction: 'thumbsup' } },
    ];
    for (const event of ignored) expect((await t.slack.postEvent(event)).status).toBe(200);
    await t.slack.settle();
    expect(t.stand.calls).toEqual([]);
  });

  it('answers a direct message in its thread', async () => {
    await t.slack.postEvent({ type: 'event_callback', event_id: 'EvDm', event: { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'Who wrote the paper?', ts: '1700000001.000100' } });
    await t.slack.settle();
    const [post] = t.stand.posts();
    expect(post).toMatchObject({ channel: 'D1', thread_ts: '1700000001.000100' });
    expect(blockText(post!)).toContain('Tassev');
  });

  it('replies with help to a bare mention', async () => {
    await t.slack.postEvent(mention(`<@${BOT_USER}>`));
    await t.slack.settle();
    expect(blockText(t.stand.posts()[0]!)).toContain('/iskp sources');
  });

  it('survives Slack refusing the answer (not_in_channel), logging why', async () => {
    t.stand.reply = () => HttpResponse.json({ ok: false, error: 'not_in_channel' });
    expect((await t.slack.postEvent(mention(`<@${BOT_USER}> What is ISKP?`))).status).toBe(200);
    await t.slack.settle();
    expect(t.stand.posts()).toHaveLength(1); // a permanent error is not retried
    expect(t.slack.logs).toContainEqual(expect.objectContaining({ level: 'error', error: 'not_in_channel', hint: expect.stringMatching(/invite/) }));
    expect(t.slack.logs).not.toContainEqual(expect.objectContaining({ msg: 'slack background task failed' }));
  });

  it('answers 503 while the index loads, without claiming the event, so Slack’s retry is answered', async () => {
    t.slack.state.ready = false;
    const event = mention(`<@${BOT_USER}> What is ISKP?`, { eventId: 'EvEarly' });
    const early = await t.slack.postEvent(event);
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('1');
    t.slack.state.ready = true;
    await t.slack.postEvent(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' });
    await t.slack.settle();
    expect(t.stand.posts()).toHaveLength(1);
  });
});
