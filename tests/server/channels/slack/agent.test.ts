import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { AskResponse } from '../../../../src/core/answer/types';
import { answeringWith, blockText, createSlackHarness, useSlackSuite } from './harness';

const DM = 'D0AGENT';

/** A person's message in their conversation with the app (the agent view's Messages tab). */
const directMessage = (text: string, { eventId = 'EvDm1', ts = '1700000001.000100', threadTs }: { eventId?: string; ts?: string; threadTs?: string } = {}) => ({
  type: 'event_callback',
  event_id: eventId,
  team_id: 'T1',
  event: { type: 'message', channel_type: 'im', channel: DM, user: 'U1', text, ts, ...(threadTs ? { thread_ts: threadTs } : {}) },
});

const messagesTabOpened = (context?: unknown) => ({
  type: 'event_callback',
  event_id: 'EvOpen1',
  event: { type: 'app_home_opened', user: 'U1', channel: DM, tab: 'messages', event_ts: '1700000000.1', ...(context ? { context } : {}) },
});

describe('Slack as an AI app (agent view, assistant view, streamed answers)', () => {
  const t = useSlackSuite();
  const calls = (method: string) => t.stand.calls.filter((c) => c.method === method).map((c) => c.args);
  const methods = () => t.stand.calls.map((c) => c.method);

  describe('opening the app', () => {
    it('offers four prompts on the agent view’s Messages tab, without a thread: a briefing, then three questions the bot can answer', async () => {
      t.stand.workspace.agentView = true;
      expect((await t.slack.postEvent(messagesTabOpened())).status).toBe(200);
      await t.slack.settle();

      const [offer, ...more] = calls('assistant.threads.setSuggestedPrompts');
      expect(more).toEqual([]);
      expect(offer).toEqual({ channel_id: DM, title: expect.stringMatching(/^Ask me about ISKP/), prompts: expect.any(Array), authorization: 'Bearer xoxb-test' });
      const prompts = offer!.prompts as { title: string; message: string }[];
      expect(prompts).toHaveLength(4);
      expect(prompts[0]).toEqual({ title: 'Brief me on the paper', message: 'Brief me on the paper' });
      expect((await t.engine.answerer.ask({ question: prompts[0]!.message })).briefing?.answerable).toBe(true);
      for (const { message } of prompts.slice(1)) expect((await t.engine.answerer.ask({ question: message })).answerable, message).toBe(true);
      // No greeting message piles up in the Messages tab each time it is opened.
      expect(methods()).toEqual(['assistant.threads.setSuggestedPrompts']);
    });

    it('uses the channel being viewed only to word the greeting: nothing of the channel is read', async () => {
      t.stand.workspace.agentView = true;
      await t.slack.postEvent(messagesTabOpened({ entities: [{ type: 'slack#/types/channel_id', value: 'C0VIEWED', team_id: 'T1' }] }));
      await t.slack.settle();
      expect(calls('assistant.threads.setSuggestedPrompts')[0]!.title).toBe('Ask me about ISKP while you read: I answer from Tassev (2024) and its sources, not from the channel.');
      expect(methods()).toEqual(['assistant.threads.setSuggestedPrompts']);
    });

    it('greets a thread opened in the older assistant view, and sets its prompts on that thread', async () => {
      await t.slack.postEvent({
        type: 'event_callback',
        event_id: 'EvThread1',
        event: { type: 'assistant_thread_started', assistant_thread: { user_id: 'U1', channel_id: DM, thread_ts: '1700000002.000100', context: { channel_id: 'C0VIEWED' } }, event_ts: '1' },
      });
      await t.slack.settle();
      const [greeting] = calls('chat.postMessage');
      expect(greeting).toMatchObject({ channel: DM, thread_ts: '1700000002.000100' });
      expect(blockText(greeting!)).toBe('Hi! You’re in <#C0VIEWED>; I don’t read it, so ask me here. I answer questions about ISKP from Tassev (2024) and the 24 works it cites, with a quote for every claim.');
      expect(greeting!.text).not.toContain('C0VIEWED');
      expect(calls('assistant.threads.setSuggestedPrompts')).toEqual([expect.objectContaining({ channel_id: DM, thread_ts: '1700000002.000100', prompts: expect.arrayContaining([{ title: 'Brief me on the paper', message: 'Brief me on the paper' }]) })]);
    });

    it('does nothing twice when Slack delivers the opening again', async () => {
      t.stand.workspace.agentView = true;
      await t.slack.postEvent(messagesTabOpened());
      await t.slack.postEvent(messagesTabOpened(), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' });
      await t.slack.settle();
      expect(calls('assistant.threads.setSuggestedPrompts')).toHaveLength(1);
    });

    it('lets app_context_changed be: what someone views is not the bot’s business until they open it', async () => {
      await t.slack.postEvent({ type: 'event_callback', event_id: 'EvCtx', event: { type: 'app_context_changed', user: 'U1', channel: DM, context: { entities: [{ type: 'slack#/types/channel_id', value: 'C0VIEWED' }] } } });
      await t.slack.settle();
      expect(t.stand.calls).toEqual([]);
    });
  });

  describe('answering in the app’s conversation', () => {
    it('shows a status, titles the thread with the question, and streams the answer with its sources and feedback buttons', async () => {
      t.stand.workspace.streaming = true;
      t.slack = createSlackHarness(t.engine, { env: { PUBLIC_URL: 'https://bot.example.org' } });
      const res = await t.slack.postEvent(directMessage('Which references did the CTC Sentinel publish?'));
      expect(res.status).toBe(200);
      await t.slack.settle();

      expect(methods()).toEqual(['assistant.threads.setStatus', 'assistant.threads.setTitle', 'chat.startStream', 'chat.appendStream', 'chat.stopStream']);
      const thread = { channel_id: DM, thread_ts: '1700000001.000100' };
      expect(calls('assistant.threads.setStatus')[0]).toMatchObject({ ...thread, status: 'Searching the sources…', loading_messages: expect.arrayContaining(['Searching the sources…']) });
      expect(calls('assistant.threads.setTitle')[0]).toMatchObject({ ...thread, title: 'Which references did the CTC Sentinel publish?' });
      const [start] = calls('chat.startStream');
      expect(start).toMatchObject({ channel: DM, thread_ts: '1700000001.000100', recipient_user_id: 'U1', recipient_team_id: 'T1' });
      const streamed = [start, ...calls('chat.appendStream'), ...calls('chat.stopStream')].map((c) => c!.markdown_text ?? '').join('');
      expect(streamed).toBe((await t.engine.answerer.ask({ question: 'Which references did the CTC Sentinel publish?' })).answer);

      const { blocks } = calls('chat.stopStream')[0] as { blocks: { type: string; elements: Record<string, unknown>[] }[] };
      expect(blocks.map((b) => b.type)).toEqual(['context', 'context', 'section', 'context_actions']);
      expect(blocks[0]!.elements[0]!.text).toMatch(/^\*<https:\/\/bot\.example\.org\/sources\/hamming-2023\?q=[^|]+#quote\|\[1\]>\* Hamming, T\. \(2023\)\. _The General Directorate of Provinces: .*_ CTC Sentinel\. — “Hamming, T\. \(2023\)/);
      expect(blocks[1]!.elements[0]!.text).toMatch(/^\*<https:\/\/bot\.example\.org\/sources\/jadoon-2023\?q=.*\|\[2\]>\* Jadoon, A\., Mines, A\. &amp; Sayed, A\. \(2023\)/);
      const [buttons] = blocks[3]!.elements as { type: string; action_id: string; positive_button: { value: string }; negative_button: { value: string } }[];
      expect(buttons).toMatchObject({ type: 'feedback_buttons', action_id: 'answer_feedback' });
      expect(JSON.parse(buttons!.positive_button.value)).toMatchObject({ q: 'Which references did the CTC Sentinel publish?', s: ['hamming-2023', 'jadoon-2023'], m: 'extractive', v: 'helpful' });
      expect(JSON.parse(buttons!.negative_button.value)).toMatchObject({ v: 'not_helpful' });
      expect(t.slack.logs).toContainEqual(expect.objectContaining({ msg: 'slack answered', via: 'agent', reply: 'streamed', citations: 2 }));
    });

    it('keeps the title for the first question: a follow-up in the thread reads the thread and leaves the title be', async () => {
      t.stand.workspace.streaming = true;
      t.stand.thread.messages = [{ ts: '1700000001.000100', user: 'U1', text: 'Which references are from 2022?' }, { ts: '1700000001.000200', bot_id: 'B1', text: 'Three are.' }];
      await t.slack.postEvent(directMessage('and 2018?', { ts: '1700000001.000300', threadTs: '1700000001.000100' }));
      await t.slack.settle();
      expect(methods()).toEqual(['assistant.threads.setStatus', 'conversations.replies', 'chat.startStream', ...methods().slice(3)]);
      expect(methods()).not.toContain('assistant.threads.setTitle');
      expect(calls('chat.startStream')[0]).toMatchObject({ thread_ts: '1700000001.000100' });
    });

    it('where Slack will not stream (method_not_supported), posts the answer once, with the older buttons', async () => {
      await t.slack.postEvent(directMessage('Who wrote the paper?'));
      await t.slack.settle();
      expect(methods()).toEqual(['assistant.threads.setStatus', 'assistant.threads.setTitle', 'chat.startStream', 'chat.postMessage']);
      const [post] = t.stand.posts();
      expect(post).toMatchObject({ channel: DM, thread_ts: '1700000001.000100' });
      expect(blockText(post!)).toContain('Tassev');
      expect(JSON.stringify(post!.blocks)).toContain('feedback_helpful');
      expect(t.slack.logs).toContainEqual(expect.objectContaining({ level: 'info', msg: 'slack streaming unavailable; posting the answer instead', error: 'method_not_supported' }));
      expect(t.slack.logs).not.toContainEqual(expect.objectContaining({ level: 'error' }));
    });

    it('answers even when Slack refuses the status and the title (a missing scope)', async () => {
      t.stand.workspace.streaming = true;
      const real = t.stand.reply;
      t.stand.reply = (method, args) => (method.startsWith('assistant.') ? HttpResponse.json({ ok: false, error: 'missing_scope', needed: 'assistant:write' }) : real(method, args));
      await t.slack.postEvent(directMessage('Who wrote the paper?'));
      await t.slack.settle();
      expect(calls('chat.stopStream')).toHaveLength(1);
      expect(t.slack.logs).toContainEqual(expect.objectContaining({ level: 'info', msg: 'slack call refused; carrying on without it', method: 'assistant.threads.setStatus', needed: 'assistant:write' }));
    });

    it('waits out Slack’s Retry-After when streaming is rate-limited, and still finishes the one message', async () => {
      t.stand.workspace.streaming = true;
      const real = t.stand.reply;
      let limited = 0;
      t.stand.reply = (method, args) => (method === 'chat.appendStream' && !limited++ ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }) : real(method, args));
      const started = Date.now();
      await t.slack.postEvent(directMessage('Which references did the CTC Sentinel publish?'));
      await t.slack.settle();
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(calls('chat.appendStream')).toHaveLength(2); // the same text, sent again after a second
      expect(calls('chat.appendStream')[0]).toEqual(calls('chat.appendStream')[1]);
      expect(calls('chat.startStream')).toHaveLength(1);
      expect(calls('chat.stopStream')).toHaveLength(1);
    });

    it('streams no mention: text from the sources or the model that looks like Slack markup is escaped', async () => {
      t.stand.workspace.streaming = true;
      const answer: AskResponse = { answer: 'Ask <!channel> & <@U999> [1].', answerable: true, citations: [], mode: 'llm', followUps: [], query: 'q' };
      t.slack = createSlackHarness(t.engine, { answerer: answeringWith(answer) });
      await t.slack.postEvent(directMessage('anything'));
      await t.slack.settle();
      const streamed = [...calls('chat.startStream'), ...calls('chat.appendStream'), ...calls('chat.stopStream')].map((c) => c.markdown_text ?? '').join('');
      expect(streamed).toBe('Ask &lt;!channel&gt; &amp; &lt;@U999&gt; [1].');
    });

    it('streams a long briefing within 12,000 characters a call', async () => {
      t.stand.workspace.streaming = true;
      const long = Array.from({ length: 600 }, (_, i) => `- Point ${i}: ${'the sources say so '.repeat(4)}[1].`).join('\n');
      t.slack = createSlackHarness(t.engine, { answerer: answeringWith({ answer: long, answerable: true, citations: [], mode: 'extractive', followUps: [], query: 'q' }) });
      await t.slack.postEvent(directMessage('Brief me on the paper'));
      await t.slack.settle();
      const texts = [...calls('chat.startStream'), ...calls('chat.appendStream'), ...calls('chat.stopStream')].map((c) => (c.markdown_text as string | undefined) ?? '');
      expect(texts.join('')).toBe(long);
      for (const text of texts) expect(text.length).toBeLessThanOrEqual(12_000);
    });

    it('apologises, in one posted message, when answering fails', async () => {
      t.slack = createSlackHarness(t.engine, {
        answerer: (real) => ({
          ...real,
          stream: async function* () {
            throw new Error('index gone');
          },
        }),
      });
      await t.slack.postEvent(directMessage('Who wrote the paper?'));
      await t.slack.settle();
      expect(t.stand.posts()).toEqual([expect.objectContaining({ channel: DM, text: 'Sorry, I could not answer that just now. Please try again in a minute.' })]);
      expect(t.slack.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'slack answer failed', error: 'Error: index gone' }));
    });

    it('answers a message once, however Slack delivers it again', async () => {
      t.stand.workspace.streaming = true;
      await t.slack.postEvent(directMessage('Who wrote the paper?'));
      await t.slack.postEvent(directMessage('Who wrote the paper?'), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
      await t.slack.postEvent(directMessage('<@UBOT> Who wrote the paper?', { eventId: 'EvMentionInDm' }));
      await t.slack.settle();
      expect(calls('chat.startStream')).toHaveLength(1);
      expect(calls('assistant.threads.setStatus')).toHaveLength(1);
    });
  });

  describe('Slack’s feedback buttons', () => {
    /** The streamed answer's feedback buttons, and a click on one half of them. */
    async function answered() {
      t.stand.workspace.streaming = true;
      await t.slack.postEvent(directMessage('Which references did the CTC Sentinel publish?'));
      await t.slack.settle();
      const { blocks } = calls('chat.stopStream')[0] as { blocks: { type: string; elements: { positive_button: { value: string }; negative_button: { value: string } }[] }[] };
      t.stand.reset();
      return blocks.find((b) => b.type === 'context_actions')!.elements[0]!;
    }
    const click = (value: string, actionTs: string, headers?: Record<string, string>) =>
      t.slack.postInteraction(
        {
          type: 'block_actions',
          user: { id: 'U7' },
          channel: { id: DM },
          container: { type: 'message', message_ts: '1700000001.000200', channel_id: DM },
          response_url: 'https://hooks.slack.test/actions/T1/1/x',
          actions: [{ type: 'feedback_buttons', action_id: 'answer_feedback', block_id: 'b', value, text: { type: 'plain_text', text: 'Helpful' }, action_ts: actionTs }],
        },
        headers,
      );

    it('records a click with the question, the answer’s mode and its sources, at the time Slack gives it, and sends nothing back', async () => {
      const buttons = await answered();
      expect((await click(buttons.negative_button.value, '1700000100.500000')).status).toBe(200);
      await t.slack.settle();
      expect(t.slack.feedback).toEqual([
        {
          time: '2023-11-14T22:15:00.500Z',
          channel: 'slack',
          vote: 'not_helpful',
          user: 'U7',
          question: 'Which references did the CTC Sentinel publish?',
          answer: expect.stringMatching(/^Two of the 24 references are from CTC Sentinel/),
          sources: ['hamming-2023', 'jadoon-2023'],
          answerable: true,
          mode: 'extractive',
          context: { conversation: DM, message: '1700000001.000200' },
        },
      ]);
      expect(t.stand.responses).toEqual([]);
      expect(t.stand.calls).toEqual([]);
    });

    it('records every toggle, each with its vote and time (the latest counts), and a click Slack sends again once', async () => {
      const buttons = await answered();
      await click(buttons.negative_button.value, '1700000100.000000');
      await click(buttons.positive_button.value, '1700000105.000000');
      await click(buttons.positive_button.value, '1700000105.000000', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
      await t.slack.settle();
      expect(t.slack.feedback.map((r) => [r.vote, r.time])).toEqual([
        ['not_helpful', '2023-11-14T22:15:00.000Z'],
        ['helpful', '2023-11-14T22:15:05.000Z'],
      ]);
    });

    it('ignores a value it did not write', async () => {
      await click('{"v":"helpful"}', '1700000100.000000');
      await t.slack.settle();
      expect(t.slack.feedback).toEqual([]);
      expect(t.slack.logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'slack feedback ignored: the button value is not ours' }));
    });
  });
});
