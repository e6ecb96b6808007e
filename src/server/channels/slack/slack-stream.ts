import type { Logger } from '../../../core/log';
import { LIMITS, type Block } from './blocks';
import { escapeMrkdwn } from './mrkdwn';
import type { SlackApi } from './slack-api';
import { cutLossless } from './split-text';

/** Where a reply goes: a conversation and the thread in it, and who asked (Slack needs them named to stream outside a DM). */
export interface ReplyTarget {
  channel: string;
  threadTs: string;
  user?: string;
  team?: string;
}

// chat.appendStream is a Tier 4 method (100+ calls a minute per workspace): one call a second per
// answer leaves room for many answers at once, and text arriving in between goes in the next call.
export const APPEND_EVERY_MS = 1000;

/** A message Slack is showing as it is written (`chat.startStream`), until `stop`. */
export interface SlackStream {
  /** Adds answer text (Markdown; escaped here): sent at once, or with the next call when one went out less than a second ago. */
  append(text: string): Promise<void>;
  /** Sends the text still held back and ends the message with `blocks` under it; false when Slack refused (logged). */
  stop(blocks: Block[]): Promise<boolean>;
}

export interface StreamOptions {
  api: SlackApi;
  logger: Logger;
  now: () => number;
}

/**
 * Starts a streamed reply with its first text. Undefined when Slack will not stream here (a
 * workspace without its AI features, a missing scope): the refusal is logged as info, and the
 * caller posts the reply instead.
 */
export async function startStream({ api, logger, now }: StreamOptions, target: ReplyTarget, text: string): Promise<SlackStream | undefined> {
  const [first = '', ...rest] = cutLossless(escapeMrkdwn(text), LIMITS.markdownText);
  const started = await api.call(
    'chat.startStream',
    { channel: target.channel, thread_ts: target.threadTs, recipient_user_id: target.user, recipient_team_id: target.team, markdown_text: first },
    { quiet: true },
  );
  const ts = typeof started?.ts === 'string' && started.ok ? started.ts : undefined;
  if (!ts) {
    logger.info('slack streaming unavailable; posting the answer instead', { channel: target.channel, error: started?.error ?? 'no_response' });
    return undefined;
  }

  let held = rest.join('');
  let lastAppendAt = Number.NEGATIVE_INFINITY;
  // After a refused append the text is kept for `stop`, which may still be accepted.
  let appending = true;
  const send = async (markdown: string) => Boolean((await api.call('chat.appendStream', { channel: target.channel, ts, markdown_text: markdown }))?.ok);

  return {
    async append(text) {
      held += escapeMrkdwn(text);
      if (!appending || !held || now() - lastAppendAt < APPEND_EVERY_MS) return;
      for (const piece of cutLossless(held, LIMITS.markdownText)) {
        if (!(await send(piece))) {
          appending = false;
          return;
        }
        held = held.slice(piece.length);
      }
      // Counted from the answer, not the call: a call that waited out a rate limit is not followed at once by another.
      lastAppendAt = now();
    },

    async stop(blocks) {
      const pieces = cutLossless(held, LIMITS.markdownText);
      const last = pieces.pop();
      for (const piece of pieces) if (!(await send(piece))) break;
      const stopped = await api.call('chat.stopStream', { channel: target.channel, ts, markdown_text: last, blocks });
      return Boolean(stopped?.ok);
    },
  };
}
