import { describe, expect, it } from 'vitest';
import type { Answerer, AskResponse } from '../../../../src/core/answer/types';
import type { Briefing, BriefRequest } from '../../../../src/core/brief/types';
import type { Block } from '../../../../src/server/channels/slack/blocks';
import { answeringWith, blockText, BOT_USER, createSlackHarness, declinedBriefing, fixtureBriefing, mention, RESPONSE_URL, useSlackSuite } from './harness';

type Button = { action_id: string; value: string };
const buttons = (message: { blocks?: unknown }) => ((message.blocks as Block[]).find((b) => b.type === 'actions') as { elements: Button[] } | undefined)?.elements ?? [];
const types = (message: { blocks?: unknown }) => (message.blocks as Block[]).map((b) => b.type);

/** The fixture with each section's points repeated: long enough to need several messages. */
function longBriefing(copies: number): Briefing {
  const briefing = fixtureBriefing();
  for (const section of briefing.sections) section.points = Array.from({ length: copies }, (_, i) => section.points.map((p) => ({ ...p, text: `(${i + 1}) ${p.text} ${p.text}` }))).flat();
  return briefing;
}

const declined = declinedBriefing;

/** An answer that carries a briefing, as the answerer returns one to "brief me on …". */
const briefingAnswer = (briefing: Briefing): AskResponse => ({
  answer: [briefing.title, briefing.bottomLine.text, ...briefing.sections.flatMap((s) => s.points.map((p) => p.text))].join('\n'),
  answerable: briefing.answerable,
  citations: briefing.citations,
  mode: briefing.mode,
  followUps: briefing.followUps ?? [],
  query: 'brief me on the Taliban',
  briefing,
});

describe('Slack briefings', () => {
  const t = useSlackSuite();

  /** A harness whose answerer briefs with `briefing` and records what it was asked. */
  function briefingWith(briefing: Briefing | ((request: BriefRequest) => Promise<Briefing>)) {
    const asked: BriefRequest[] = [];
    const brief = typeof briefing === 'function' ? briefing : async () => briefing;
    t.slack = createSlackHarness(t.engine, { answerer: (real): Answerer => ({ ...real, brief: (request) => (asked.push(request), brief(request)) }) });
    return asked;
  }

  describe('/iskp brief [topic]', () => {
    it('acknowledges at once, then posts the briefing privately: header, bottom line, sections, Read next, sources, buttons', async () => {
      const asked = briefingWith({ ...fixtureBriefing(), topic: 'Central Asia', title: 'Briefing: Central Asia' });
      const ack = await t.slack.postCommand({ text: 'brief Central Asia' });
      expect(await ack.json()).toEqual({ response_type: 'ephemeral', text: 'Preparing a briefing on _Central Asia_…' });
      await t.slack.settle();

      expect(asked).toEqual([{ topic: 'Central Asia' }]);
      const [reply, ...more] = t.stand.responses;
      expect(more).toEqual([]);
      expect(reply).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Briefing: Central Asia\nAccording to Tassev/) });
      expect(types(reply!)).toEqual(['header', 'section', 'section', 'section', 'section', 'section', 'section', 'section', ...Array(7).fill('context'), 'actions']);
      expect((reply!.blocks as Block[])[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Briefing: Central Asia' } });
      const text = blockText(reply!);
      expect(text).toContain('*Bottom line:* According to Tassev (2024), although ISK is now reorganizing, it still presents a danger in Central Asia [1].');
      expect(text).toContain('*Background*\n• ISIS was defeated in 2019, but some branches of the organization are still active in various parts of the world [3].');
      expect(text).toContain('*What the sources recommend*\n• The author provides some future recommendations');
      // The work to read next that no citation names is looked up in the index.
      expect(text).toMatch(/• Jadoon, A\., Mines, A\. &amp; Sayed, A\. \(2023\)\. .* — A journal article \(CTC Sentinel, 2023\) on Afghanistan and the Taliban\./);
      expect(text).toContain('*[5]* Tassev, I. V. (2024).');
      expect(buttons(reply!).map((b) => b.action_id)).toEqual(['feedback_helpful', 'feedback_not_helpful', 'post_briefing_to_channel']);
      expect(t.slack.logs).toContainEqual(expect.objectContaining({ msg: 'slack briefed', via: 'command', answerable: true, sections: 4, citations: 7 }));
    });

    it('posts the real briefer’s briefing on Central Asia within one message’s limits', async () => {
      await t.slack.postCommand({ text: 'brief Central Asia' });
      await t.slack.settle();
      const [reply, ...more] = t.stand.responses;
      expect(more).toEqual([]);
      const blocks = reply!.blocks as Block[];
      expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Briefing: Central Asia' } });
      expect(blocks.length).toBeLessThanOrEqual(50);
      const text = blockText(reply!);
      expect(text).toMatch(/^\*Bottom line:\* .*Central Asia.*\[1\]/m);
      expect(text).toMatch(/^\*Sources\*$/m);
      expect(text).toContain('*[1]* Tassev, I. V. (2024).');
    });

    it('briefs on the whole corpus without a topic, and reads “brief me on …” as the topic', async () => {
      const asked = briefingWith(fixtureBriefing());
      expect(await (await t.slack.postCommand({ text: 'brief' })).json()).toMatchObject({ text: 'Preparing a briefing on the paper and the works it cites…' });
      await t.slack.postCommand({ text: 'Brief me on the Taliban' });
      await t.slack.postCommand({ text: 'brief about &lt;Kabul&gt;' });
      await t.slack.settle();
      expect(asked).toEqual([{}, { topic: 'the Taliban' }, { topic: '<Kabul>' }]);
    });

    it('posts a briefing too long for one message as several, in order, each within Slack’s limits', async () => {
      briefingWith(longBriefing(25));
      await t.slack.postCommand({ text: 'brief Central Asia' });
      await t.slack.settle();
      const replies = t.stand.responses;
      expect(replies.length).toBeGreaterThan(1);
      expect(replies.length).toBeLessThanOrEqual(5);
      for (const reply of replies) {
        expect(reply.response_type).toBe('ephemeral');
        expect((reply.blocks as Block[]).length).toBeLessThanOrEqual(50);
        for (const b of reply.blocks as Block[]) if (b.type === 'section') expect(b.text?.text.length).toBeLessThanOrEqual(3000);
      }
      expect(types(replies[0]!)[0]).toBe('header');
      expect(replies.slice(1).every((r) => !types(r).includes('header'))).toBe(true);
      expect(types(replies.at(-1)!).at(-1)).toBe('actions');
      const all = replies.map(blockText).join('\n');
      expect(all.indexOf('(25) The global network')).toBeGreaterThan(all.indexOf('(1) ISIS was defeated'));
      expect(all.indexOf('*Sources*')).toBeGreaterThan(all.indexOf('(25) The global network'));
    });

    it('keeps within a response_url’s five posts, the last saying where to get the rest', async () => {
      briefingWith(longBriefing(120));
      await t.slack.postCommand({ text: 'brief' });
      await t.slack.settle();
      expect(t.stand.responses).toHaveLength(5);
      expect(t.stand.responses[4]!.text).toMatch(/too long to post here in full\. Mention me in a channel/);
    });

    it('declines a topic the sources do not cover as it declines a question, offering ones it can answer', async () => {
      briefingWith(declined());
      await t.slack.postCommand({ text: 'brief football' });
      await t.slack.settle();
      const [reply] = t.stand.responses;
      expect(types(reply!)).toEqual(['section', 'section', 'actions']);
      expect(blockText(reply!)).toContain('The sources don’t cover that.');
      expect(blockText(reply!)).toContain('*Try one of these:*\n• What is ISKP?\n• Which references are from 2023?');
      expect(buttons(reply!).map((b) => b.action_id)).toEqual(['feedback_helpful', 'feedback_not_helpful']); // nothing to share
    });

    it('apologises privately when briefing fails, without the error, and logs why', async () => {
      briefingWith(async () => Promise.reject(new Error('briefer down at /srv/app.js:12')));
      await t.slack.postCommand({ text: 'brief Central Asia' });
      await t.slack.settle();
      expect(t.stand.responses).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: 'Sorry, I could not prepare that briefing just now. Please try again in a minute.' })]);
      expect(JSON.stringify(t.stand.responses)).not.toMatch(/briefer down|srv/);
      expect(t.slack.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'slack brief failed', error: 'Error: briefer down at /srv/app.js:12' }));
    });

    it('refuses a topic longer than a briefing takes, at once', async () => {
      const asked = briefingWith(fixtureBriefing());
      const body = await (await t.slack.postCommand({ text: `brief ${'x'.repeat(201)}` })).json();
      expect(body).toMatchObject({ response_type: 'ephemeral', text: 'A briefing topic can be at most 200 characters; this one has 201.' });
      await t.slack.settle();
      expect(asked).toEqual([]);
    });

    it('lists `brief [topic]` in help', async () => {
      expect(blockText(await (await t.slack.postCommand({ text: 'help' })).json())).toContain('`/iskp brief [topic]`');
    });
  });

  describe('a mention or DM that asks for a briefing', () => {
    it('renders the answer’s briefing with the briefing blocks, in the thread', async () => {
      const briefing = { ...fixtureBriefing(), topic: 'the Taliban', title: 'Briefing: the Taliban' };
      t.slack = createSlackHarness(t.engine, { answerer: (real) => ({ ...real, ask: async () => briefingAnswer(briefing) }) });
      await t.slack.postEvent(mention(`<@${BOT_USER}> brief me on the Taliban`, { ts: '1700000000.000100' }));
      await t.slack.settle();
      const [post, ...more] = t.stand.posts();
      expect(more).toEqual([]);
      expect(post).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000100', text: expect.stringMatching(/^Briefing: the Taliban\n/) });
      expect(types(post!)).toEqual(['header', 'section', 'section', 'section', 'section', 'section', 'section', 'section', ...Array(7).fill('context'), 'actions']);
      expect(blockText(post!)).toContain('*Threat and methods*\n• ISK');
      expect(buttons(post!).map((b) => b.action_id)).toEqual(['feedback_helpful', 'feedback_not_helpful']);
      expect(t.slack.logs).toContainEqual(expect.objectContaining({ msg: 'slack answered', briefing: true }));
    });

    it('renders the real answerer’s briefing for “brief me on the Taliban” as a briefing', async () => {
      await t.slack.postEvent(mention(`<@${BOT_USER}> brief me on the Taliban`, { ts: '1700000000.000100' }));
      await t.slack.settle();
      const [post] = t.stand.posts();
      expect(post).toMatchObject({ thread_ts: '1700000000.000100' });
      expect(types(post!)[0]).toBe('header');
      expect(blockText(post!)).toMatch(/^\*Bottom line:\* /m);
    });

    it('posts a long briefing as several messages in the same thread', async () => {
      t.slack = createSlackHarness(t.engine, { answerer: answeringWith(briefingAnswer(longBriefing(40))) });
      await t.slack.postEvent({ type: 'event_callback', event_id: 'EvDm', event: { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'brief me', ts: '1700000001.000100', thread_ts: '1700000000.000001' } });
      await t.slack.settle();
      const posts = t.stand.posts();
      expect(posts.length).toBeGreaterThan(1);
      for (const post of posts) {
        expect(post).toMatchObject({ channel: 'D1', thread_ts: '1700000000.000001' });
        expect((post.blocks as Block[]).length).toBeLessThanOrEqual(50);
      }
      expect(posts.slice(1).every((p) => p.text === 'Briefing: the Islamic State-Khorasan’s recent reorganization and remaining threat (continued)')).toBe(true);
    });

    it('stops posting the rest of a long briefing when Slack refuses a part', async () => {
      t.slack = createSlackHarness(t.engine, { answerer: (real) => ({ ...real, ask: async () => briefingAnswer(longBriefing(40)) }) });
      t.stand.reply = () => new Response(JSON.stringify({ ok: false, error: 'not_in_channel' }), { headers: { 'content-type': 'application/json' } });
      await t.slack.postEvent(mention(`<@${BOT_USER}> brief me`));
      await t.slack.settle();
      expect(t.stand.posts()).toHaveLength(1);
    });

    it('answers a declined briefing as any declined answer', async () => {
      const briefing = declined();
      const response = { ...briefingAnswer(briefing), answer: briefing.bottomLine.text };
      t.slack = createSlackHarness(t.engine, { answerer: (real) => ({ ...real, ask: async () => response }) });
      await t.slack.postEvent(mention(`<@${BOT_USER}> brief me on football`));
      await t.slack.settle();
      const [post] = t.stand.posts();
      expect(types(post!)).toEqual(['section', 'section', 'actions']);
      expect(blockText(post!)).toContain('*Try one of these:*\n• What is ISKP?');
    });
  });

  describe('the briefing’s buttons', () => {
    const click = (button: Button) =>
      t.slack.postInteraction({
        type: 'block_actions',
        user: { id: 'U7' },
        channel: { id: 'C1' },
        container: { type: 'message', message_ts: '1700000000.000300', is_ephemeral: true },
        response_url: RESPONSE_URL,
        actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: 'iskp_actions' }],
      });

    it('posts a private briefing to the channel, briefing again on its topic and naming who asked, then removes the private copy', async () => {
      const asked = briefingWith({ ...fixtureBriefing(), topic: 'Central Asia', title: 'Briefing: Central Asia' });
      await t.slack.postCommand({ text: 'brief Central Asia' });
      await t.slack.settle();
      const share = buttons(t.stand.responses[0]!).find((b) => b.action_id === 'post_briefing_to_channel')!;
      t.stand.reset();

      await click(share);
      await t.slack.settle();
      expect(asked).toEqual([{ topic: 'Central Asia' }, { topic: 'Central Asia' }]);
      const [inChannel, removal] = t.stand.responses;
      expect(inChannel).toMatchObject({ response_type: 'in_channel', replace_original: false });
      expect(types(inChannel!).slice(0, 2)).toEqual(['section', 'header']);
      expect(blockText(inChannel!)).toContain('<@U7> asked: _brief Central Asia_');
      expect(buttons(inChannel!).map((b) => b.action_id)).toEqual(['feedback_helpful', 'feedback_not_helpful']);
      expect(removal).toEqual({ delete_original: true });
    });

    it('records a vote on a briefing with what was typed and the sources it cites', async () => {
      briefingWith({ ...fixtureBriefing(), topic: 'Central Asia' });
      await t.slack.postCommand({ text: 'brief Central Asia' });
      await t.slack.settle();
      const helpful = buttons(t.stand.responses[0]!).find((b) => b.action_id === 'feedback_helpful')!;
      await click(helpful);
      await t.slack.settle();
      expect(t.slack.feedback).toEqual([
        expect.objectContaining({
          vote: 'helpful',
          question: 'brief Central Asia',
          answer: expect.stringMatching(/^Briefing: .*\nAccording to Tassev/),
          sources: ['tassev-2024-abstract', 'palmer-2023', 'hamming-2023'],
          answerable: true,
        }),
      ]);
    });
  });
});
