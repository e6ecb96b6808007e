import { describe, expect, it } from 'vitest';
import type { AskResponse } from '../../../../src/core/answer/types';
import { createLogger } from '../../../../src/core/log';
import { section, type SlackMessage } from '../../../../src/server/channels/slack/blocks';
import { PROGRESS } from '../../../../src/server/channels/slack/progressive-post';
import { createReply } from '../../../../src/server/channels/slack/reply-stream';
import type { SlackApi, SlackResult } from '../../../../src/server/channels/slack/slack-api';
import { APPEND_EVERY_MS } from '../../../../src/server/channels/slack/slack-stream';
import { slackViolations } from '../../../helpers/slack-stand-in';

const target = { channel: 'D1', threadTs: '1.0', user: 'U1', team: 'T1' };
const response = (answer: string): AskResponse => ({ answer, answerable: true, citations: [], mode: 'llm', followUps: [], query: 'q' });
const SOURCES = [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: '*[1]* A source — “a quote”' }] }];

/** A Slack that records calls (each checked as the stand-in checks them) and a clock the test moves. */
function setUp({ streams = true, refuse = [] as string[] } = {}) {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const logs: Record<string, unknown>[] = [];
  let clock = 0;
  const api: SlackApi = {
    async call(method, args) {
      calls.push({ method, args });
      expect(slackViolations(method, JSON.parse(JSON.stringify(args)) as Record<string, unknown>)).toEqual([]);
      if (refuse.includes(method) || (method === 'chat.startStream' && !streams)) return { ok: false, error: 'method_not_supported' } as SlackResult;
      return { ok: true, ts: method === 'chat.postMessage' ? `post-${calls.length}` : 'stream-1', channel: 'D1' };
    },
    respond: async () => true,
  };
  const reply = createReply({
    api,
    logger: createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line)) }),
    now: () => clock,
    target,
    render: {
      streamed: () => SOURCES,
      posted: (r): SlackMessage[] => [{ text: r.answer, blocks: [section(r.answer)] }, { text: 'continued', blocks: [section('more')] }].slice(0, r.answer.includes('long') ? 2 : 1),
    },
  });
  return {
    reply,
    calls,
    logs,
    at: (ms: number) => (clock = ms),
    methods: () => calls.map((c) => c.method),
    text: () => calls.filter((c) => c.method.includes('Stream')).map((c) => (c.args.markdown_text as string | undefined) ?? '').join(''),
  };
}

describe('a reply written as the answer comes', () => {
  it('streams an answer that existed whole from the response’s own text: one start, one append, one stop with the sources', async () => {
    const t = setUp();
    // Replayed at once, as the extractive answerer streams; the second piece arrives cut.
    for (const piece of ['First line.\n', 'cond line.']) await t.reply.write(piece);
    await t.reply.finish(response('First line.\nSecond line.'));
    expect(t.methods()).toEqual(['chat.startStream', 'chat.appendStream', 'chat.stopStream']);
    expect(t.calls[0]!.args).toMatchObject({ channel: 'D1', thread_ts: '1.0', recipient_user_id: 'U1', recipient_team_id: 'T1', markdown_text: 'First line.\n' });
    expect(t.text()).toBe('First line.\nSecond line.');
    expect(t.calls[2]!.args.blocks).toEqual(SOURCES);
    expect(t.reply.how).toBe('streamed');
  });

  it('streams a slow answer as it is written, at most one append a second, the text in between sent with the next', async () => {
    const t = setUp();
    await t.reply.write('One. '); // held: it may be the first of a whole answer replayed
    t.at(300);
    await t.reply.write('Two. ');
    expect(t.methods()).toEqual(['chat.startStream', 'chat.appendStream']);
    t.at(300 + APPEND_EVERY_MS / 2);
    await t.reply.write('Three. ');
    expect(t.methods()).toHaveLength(2);
    t.at(300 + APPEND_EVERY_MS);
    await t.reply.write('Four.');
    expect(t.calls.map((c) => c.args.markdown_text)).toEqual(['One. ', 'Two. ', 'Three. Four.']);
    await t.reply.finish(response('One. Two. Three. Four.'));
    expect(t.methods()).toEqual(['chat.startStream', 'chat.appendStream', 'chat.appendStream', 'chat.stopStream']);
    expect(t.text()).toBe('One. Two. Three. Four.');
  });

  it('sends what the response adds to what was streamed before the sources, and says so when the two differ', async () => {
    const t = setUp();
    await t.reply.write('One. ');
    t.at(300);
    await t.reply.write('Two. ');
    await t.reply.finish(response('One. Two. Three.'));
    expect(t.text()).toBe('One. Two. Three.');

    const u = setUp();
    await u.reply.write('One. ');
    u.at(300);
    await u.reply.write('Two. ');
    await u.reply.finish(response('Something else.'));
    expect(u.logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'slack streamed text differs from the answer' }));
  });

  it('escapes Slack’s markup in streamed text, so nobody is mentioned', async () => {
    const t = setUp();
    await t.reply.finish(response('Ask <!here> & <@U9>.'));
    expect(t.text()).toBe('Ask &lt;!here&gt; &amp; &lt;@U9&gt;.');
  });

  it('ends a stream with an apology when answering fails after it began', async () => {
    const t = setUp();
    await t.reply.write('One. ');
    t.at(300);
    await t.reply.write('Two. ');
    await t.reply.fail('Sorry.');
    expect(t.methods()).toEqual(['chat.startStream', 'chat.appendStream', 'chat.stopStream']);
    expect(t.text()).toBe('One. Two. \n\nSorry.');
    expect(t.calls[2]!.args.blocks).toEqual([]);
  });

  it('logs a stream Slack would not finish', async () => {
    const t = setUp({ refuse: ['chat.stopStream'] });
    await t.reply.finish(response('One.'));
    expect(t.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'slack streamed answer left unfinished' }));
  });

  describe('where Slack will not stream', () => {
    it('posts an answer that is ready at once in one message, never updated', async () => {
      const t = setUp({ streams: false });
      await t.reply.write('One. ');
      await t.reply.finish(response('One.'));
      expect(t.methods()).toEqual(['chat.startStream', 'chat.postMessage']);
      expect(t.reply.how).toBe('posted');
    });

    it('posts a slow answer as it stands after a moment, updates it a few times, seconds apart, then once with the reply', async () => {
      const t = setUp({ streams: false });
      await t.reply.write('One. ');
      t.at(300);
      await t.reply.write('Two. '); // refused: the post is to come
      t.at(PROGRESS.firstAfterMs);
      await t.reply.write('Three. ');
      for (let i = 1; i <= 10; i++) {
        t.at(PROGRESS.firstAfterMs + i * (PROGRESS.everyMs / 2));
        await t.reply.write(`More ${i}. `);
      }
      await t.reply.finish(response('The long answer.'));
      expect(t.methods()).toEqual(['chat.startStream', 'chat.postMessage', ...Array(PROGRESS.maxUpdates).fill('chat.update'), 'chat.update', 'chat.postMessage']);
      const [post, ...updates] = t.calls.filter((c) => c.method !== 'chat.startStream');
      expect(post!.args).toMatchObject({ channel: 'D1', thread_ts: '1.0', text: 'One. Two. Three.' });
      expect(JSON.stringify(post!.args.blocks)).toContain('Still writing');
      expect(updates.slice(0, -1).every((u) => u.args.ts === 'post-2')).toBe(true);
      expect(updates.at(-2)!.args).toMatchObject({ ts: 'post-2', text: 'The long answer.' });
      // A briefing's further messages follow in the thread.
      expect(updates.at(-1)!.args).toMatchObject({ channel: 'D1', thread_ts: '1.0', text: 'continued' });
    });

    it('apologises in one message when answering fails', async () => {
      const t = setUp({ streams: false });
      await t.reply.fail('Sorry.');
      expect(t.methods()).toEqual(['chat.postMessage']);
      expect(t.calls[0]!.args).toMatchObject({ text: 'Sorry.' });
    });
  });
});
