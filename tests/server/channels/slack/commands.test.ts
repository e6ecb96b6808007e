import { describe, expect, it } from 'vitest';
import type { Answerer, AskResponse } from '../../../../src/core/answer/types';
import { blockText, createSlackHarness, useSlackSuite } from './harness';

describe('POST /slack/commands', () => {
  const t = useSlackSuite();

  it('acknowledges within three seconds while the answer is slow, then answers privately through response_url', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = (real: Answerer): Answerer => ({ ...real, ask: async (request) => (await gate, real.ask(request)) });
    t.slack = createSlackHarness(t.engine, { answerer: slow });

    const started = performance.now();
    const ack = await t.slack.postCommand({ text: 'Which references did the CTC Sentinel publish?' });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(ack.status).toBe(200);
    expect(await ack.json()).toEqual({ response_type: 'ephemeral', text: 'Looking this up… _Which references did the CTC Sentinel publish?_' });
    expect(t.stand.responses).toEqual([]);

    release();
    await t.slack.settle();
    const [answer, ...more] = t.stand.responses;
    expect(more).toEqual([]);
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('CTC Sentinel [1]') });
    expect(blockText(answer!)).toMatch(/\*\[2\]\* Jadoon, A\., Mines, A\. &amp; Sayed, A\. \(2023\)/);
    const buttons = (answer!.blocks as { type: string; elements?: { action_id: string }[] }[]).find((b) => b.type === 'actions')!.elements!;
    expect(buttons.map((b) => b.action_id)).toEqual(['feedback_helpful', 'feedback_not_helpful', 'post_to_channel']);
  });

  it('answers `help` (and an empty command) at once', async () => {
    for (const text of ['help', '']) {
      const res = await t.slack.postCommand({ text });
      const body = await res.json();
      expect(body.response_type).toBe('ephemeral');
      expect(blockText(body)).toContain('`/iskp sources`');
    }
    await t.slack.settle();
    expect(t.stand.responses).toEqual([]);
  });

  it('lists every source at once, within Slack’s limits', async () => {
    const body = await (await t.slack.postCommand({ text: 'sources' })).json();
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    for (const block of body.blocks) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    const text = blockText(body);
    for (const source of t.engine.index.sources) expect(text).toContain(`\`${source.id}\``);
    expect(text).toContain('Al Jazeera (2018). _Suicide Bombing at Kabul Religious Gathering Kills Dozens._ `al-jazeera-2018`');
  });

  it('escapes mentions and ampersands from the answer, the sources and the question, so nobody is pinged', async () => {
    const hostile: AskResponse = {
      answer: 'Ask <@U123> or <!channel> & <!here|here> about it [1].',
      answerable: true,
      mode: 'llm',
      query: 'q',
      citations: [{ n: 1, sourceId: 's', kind: 'reference', title: 'Title <@U999>', authors: ['Smith & Co <!everyone>'], year: 2023, container: null, publisher: 'A&B', quote: 'Quote <!channel> & <@U123>.', url: '/sources/s?q=<!channel>&x=<@U123>#quote' }],
      followUps: ['What about <!channel>?'],
    };
    t.slack = createSlackHarness(t.engine, { answerer: (real) => ({ ...real, ask: async () => hostile }) });
    // How Slack sends "tell <!channel> & <@U123>" typed literally: entity-encoded.
    const ack = await (await t.slack.postCommand({ text: 'tell &lt;!channel&gt; &amp; &lt;@U123&gt;' })).json();
    expect(ack.text).toBe('Looking this up… _tell &lt;!channel&gt; &amp; &lt;@U123&gt;_');
    await t.slack.settle();
    const [answer] = t.stand.responses;

    // Button values are data Slack hands back, never rendered, so they keep the raw text.
    const rendered = JSON.stringify([ack, answer], (key, v) => (key === 'value' ? undefined : v));
    expect(rendered).not.toMatch(/<[@!#]/);
    expect(blockText(answer!)).toContain('Ask &lt;@U123&gt; or &lt;!channel&gt; &amp; &lt;!here|here&gt; about it [1].');
    expect(blockText(answer!)).toContain('Smith &amp; Co &lt;!everyone&gt; (2023). _Title &lt;@U999&gt;._ A&amp;B. — “Quote &lt;!channel&gt; &amp; &lt;@U123&gt;.”');
    expect(answer!.text).toBe('Ask &lt;@U123&gt; or &lt;!channel&gt; &amp; &lt;!here|here&gt; about it [1].');
  });

  it('apologises through response_url when answering fails, and the t.server carries on', async () => {
    t.slack = createSlackHarness(t.engine, { answerer: (real) => ({ ...real, ask: async () => Promise.reject(new Error('model down')) }) });
    expect((await t.slack.postCommand({ text: 'What is ISKP?' })).status).toBe(200);
    await t.slack.settle();
    expect(t.stand.responses).toEqual([expect.objectContaining({ response_type: 'ephemeral', text: expect.stringMatching(/could not answer/) })]);
    expect(t.slack.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'slack answer failed', error: 'Error: model down' }));
  });

  it('says so, at once, while the index is still loading', async () => {
    t.slack.state.ready = false;
    const body = await (await t.slack.postCommand({ text: 'What is ISKP?' })).json();
    expect(body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/still loading/) });
  });

  it('refuses a command it was not configured for', async () => {
    const body = await (await t.slack.postCommand({ command: '/other', text: 'What is ISKP?' })).json();
    expect(body.text).toMatch(/only answers \/iskp/);
  });
});
