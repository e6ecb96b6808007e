import { describe, expect, it } from 'vitest';
import type { Answerer } from '../../../../src/core/answer/types';
import { escapeMrkdwn } from '../../../../src/server/channels/slack/mrkdwn';
import { blockText, createSlackHarness, useSlackSuite } from './harness';

type Button = { type: string; action_id: string; text: { text: string }; value: string };
type View = { type: string; blocks: { type: string; elements?: Button[] }[]; private_metadata: string };

const homeOpened = (user: string, { eventId = `EvHome${user}`, shown }: { eventId?: string; shown?: string } = {}) => ({
  type: 'event_callback',
  event_id: eventId,
  event: { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1', ...(shown ? { view: { id: 'V1', type: 'home', private_metadata: shown } } : {}) },
});

describe('the App Home tab', () => {
  const t = useSlackSuite();
  const publishes = () => t.stand.calls.filter((c) => c.method === 'views.publish').map((c) => c.args as { user_id: string; view: View });

  /** A harness whose answerer counts the briefings it makes (and can be made to fail). */
  function countingBriefs({ fail = false } = {}) {
    const briefs = { count: 0, fail };
    t.slack = createSlackHarness(t.engine, {
      answerer: (real): Answerer => ({ ...real, brief: async (request) => (briefs.count++, briefs.fail ? Promise.reject(new Error('model down')) : real.brief(request)) }),
    });
    return briefs;
  }

  it('publishes what the bot covers, the standing briefing’s bottom line and sections with a button for the whole, the prompts, and how to use /iskp', async () => {
    expect((await t.slack.postEvent(homeOpened('U1'))).status).toBe(200);
    await t.slack.settle();

    const [{ user_id, view }] = publishes() as [{ user_id: string; view: View }];
    expect(user_id).toBe('U1');
    expect(view.type).toBe('home');
    const briefing = await t.engine.answerer.brief({});
    const text = blockText(view);
    expect(text).toContain('What I cover');
    expect(text).toContain('and the 24 works it cites* — only from those sources');
    expect(text).toContain(`*Bottom line:* ${escapeMrkdwn(briefing.bottomLine.text)}`);
    expect(text).toContain(`*Its sections:*\n${briefing.sections.map((s) => `• ${s.heading}`).join('\n')}`);
    expect(text).toContain('• `/iskp <question>` — ask privately');
    const buttons = view.blocks.flatMap((b) => b.elements ?? []);
    expect(buttons.map((b) => [b.action_id, b.text.text])).toEqual([
      ['home_full_briefing', 'Send me the full briefing'],
      ['ask_prompt_0', 'Brief me on the paper'],
      ...buttons.slice(2).map((b, i) => [`ask_prompt_${i + 1}`, expect.stringMatching(/\?$/)]),
    ]);
    expect(buttons).toHaveLength(5);
    expect(view.private_metadata).toMatch(/^home:[0-9a-f]{8}$/);
  });

  it('builds the view once per index: another user’s opening publishes it without briefing again, a tab already showing it is left be', async () => {
    const briefs = countingBriefs();
    await t.slack.postEvent(homeOpened('U1'));
    await t.slack.settle();
    const version = publishes()[0]!.view.private_metadata;
    await t.slack.postEvent(homeOpened('U2'));
    await t.slack.postEvent(homeOpened('U1', { eventId: 'EvHomeAgain', shown: version }));
    await t.slack.settle();
    expect(publishes().map((p) => p.user_id)).toEqual(['U1', 'U2']);
    expect(briefs.count).toBe(1);

    t.slack.reindex();
    await t.slack.postEvent(homeOpened('U1', { eventId: 'EvHomeNewIndex', shown: version }));
    await t.slack.settle();
    expect(briefs.count).toBe(2);
  });

  it('shows the rest when the briefing cannot be made, and tries the briefing again at the next opening', async () => {
    const briefs = countingBriefs({ fail: true });
    await t.slack.postEvent(homeOpened('U1'));
    await t.slack.settle();
    const text = blockText(publishes()[0]!.view);
    expect(text).toContain('What I cover');
    expect(text).not.toContain('Bottom line');
    expect(t.slack.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'slack home briefing failed' }));

    briefs.fail = false;
    await t.slack.postEvent(homeOpened('U2'));
    await t.slack.settle();
    expect(blockText(publishes()[1]!.view)).toContain('Bottom line');
  });

  it('publishes once when Slack delivers the opening again', async () => {
    await t.slack.postEvent(homeOpened('U1'));
    await t.slack.postEvent(homeOpened('U1'), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' });
    await t.slack.settle();
    expect(publishes()).toHaveLength(1);
  });

  describe('its buttons', () => {
    async function homeButtons(): Promise<Button[]> {
      await t.slack.postEvent(homeOpened('U7'));
      await t.slack.settle();
      const buttons = publishes()[0]!.view.blocks.flatMap((b) => b.elements ?? []);
      t.stand.reset();
      return buttons;
    }
    // A click on the Home tab: no channel, no response_url.
    const click = (button: Button) =>
      t.slack.postInteraction({ type: 'block_actions', user: { id: 'U7' }, container: { type: 'view', view_id: 'V1' }, view: { id: 'V1', type: 'home' }, actions: [{ type: 'button', action_id: button.action_id, value: button.value, action_ts: '1700000300.000000' }] });

    it('sends the full standing briefing to the user’s conversation with the app, naming what was asked', async () => {
      const buttons = await homeButtons();
      expect((await click(buttons.find((b) => b.action_id === 'home_full_briefing')!)).status).toBe(200);
      await t.slack.settle();
      const [first] = t.stand.posts();
      expect(first).toMatchObject({ channel: 'U7' });
      expect((first!.blocks as { type: string }[]).map((b) => b.type).slice(0, 2)).toEqual(['section', 'header']);
      expect(blockText(first!)).toContain('<@U7> asked: _brief_');
      expect(blockText(first!)).toContain('*Bottom line:*');
    });

    it('answers a prompt there, with the older feedback buttons', async () => {
      const buttons = await homeButtons();
      const prompt = buttons.find((b) => b.action_id === 'ask_prompt_1')!;
      await click(prompt);
      await t.slack.settle();
      const [post] = t.stand.posts();
      expect(post).toMatchObject({ channel: 'U7' });
      expect(blockText(post!)).toContain(`<@U7> asked: _${escapeMrkdwn(prompt.text.text)}_`);
      expect(JSON.stringify(post!.blocks)).toContain('feedback_helpful');
    });
  });
});
