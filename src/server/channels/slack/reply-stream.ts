import type { AskResponse } from '../../../core/answer/types';
import type { Logger } from '../../../core/log';
import { notice, type Block, type SlackMessage } from './blocks';
import { createProgressivePost, type ProgressivePost } from './progressive-post';
import type { SlackApi } from './slack-api';
import { startStream, type ReplyTarget, type SlackStream } from './slack-stream';

/** The two renderings of one answer: what goes under it when streamed, and the messages that carry it when posted. */
export interface ReplyRender {
  streamed(response: AskResponse): Block[];
  posted(response: AskResponse): SlackMessage[];
}

/** One reply, written as the answer comes: streamed where Slack streams, posted (and updated a few times) where it does not. */
export interface Reply {
  /** Adds answer text, as the answerer writes it (Markdown). */
  write(text: string): Promise<void>;
  /** Ends the reply with the whole response: its sources, suggestions and feedback buttons. */
  finish(response: AskResponse): Promise<void>;
  /** Ends the reply with an apology instead. */
  fail(apology: string): Promise<void>;
  /** How the reply went out, once its first text has: for the log. */
  readonly how: 'streamed' | 'posted' | undefined;
}

export interface ReplyOptions {
  api: SlackApi;
  logger: Logger;
  now: () => number;
  target: ReplyTarget;
  render: ReplyRender;
}

// Text arriving within this of the first piece comes from an answer that existed whole (the
// extractive answerer, and a model's fallback, replay their sentences at once): it is held, and the
// response's own text is what Slack gets, in two calls rather than one per sentence.
const HOLD_MS = 250;

/**
 * A reply that tries Slack's streaming first (`chat.startStream` with the first text) and, if Slack
 * refuses, posts instead with what was written so far. Either way the asker gets one message
 * (a long briefing posted: one message and its continuations), never the answer twice.
 */
export function createReply({ api, logger, now, target, render }: ReplyOptions): Reply {
  const startedAt = now();
  let firstAt: number | undefined;
  let stream: SlackStream | undefined;
  let post: ProgressivePost | undefined;
  let written = '';
  // What the stream has been given: `written`, or the response's text when that was what began it.
  let streamed = '';

  /** Starts showing `text`: streamed from its first line or sentence, or, where Slack will not stream, as a post to come. */
  async function begin(text: string): Promise<void> {
    const head = firstPart(text);
    stream = await startStream({ api, logger, now }, target, head);
    if (stream) {
      streamed = text;
      await stream.append(text.slice(head.length));
    } else post = createProgressivePost(api, target, { now, startedAt });
  }

  const reply: Reply = {
    get how() {
      return stream ? 'streamed' : post ? 'posted' : undefined;
    },

    async write(text) {
      if (!text) return;
      written += text;
      if (stream) {
        streamed += text;
        return stream.append(text);
      }
      if (post) return post.progress(written);
      firstAt ??= now();
      if (now() - firstAt >= HOLD_MS) await begin(written);
    },

    async finish(response) {
      if (!stream && !post) await begin(response.answer);
      if (!stream) {
        await (post ?? createProgressivePost(api, target, { now, startedAt })).finish(render.posted(response));
        return;
      }
      // What was streamed is the answer so far; whatever the response adds is sent before the sources.
      if (response.answer.startsWith(streamed)) await stream.append(response.answer.slice(streamed.length));
      else logger.warn('slack streamed text differs from the answer', { channel: target.channel, streamedChars: streamed.length, answerChars: response.answer.length });
      if (!(await stream.stop(render.streamed(response)))) logger.error('slack streamed answer left unfinished', { channel: target.channel });
    },

    async fail(apology) {
      if (!stream) {
        await (post ?? createProgressivePost(api, target, { now, startedAt })).finish([notice(apology)]);
        return;
      }
      await stream.append(`\n\n${apology}`);
      if (!(await stream.stop([]))) logger.error('slack streamed answer left unfinished', { channel: target.channel });
    },
  };
  return reply;
}

/** The text up to its first line break, or its first sentence: what a streamed message opens with. */
function firstPart(text: string): string {
  const end = /\n|[.!?…](?:\s|$)/.exec(text);
  return end ? text.slice(0, end.index + end[0].length) : text;
}
