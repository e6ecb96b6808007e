import { context, LIMITS, message, section, type SlackMessage } from './blocks';
import { escapeMrkdwn, markdownToMrkdwn, truncate } from './mrkdwn';
import { postInThread } from './replies';
import type { SlackApi } from './slack-api';
import type { ReplyTarget } from './slack-stream';

/**
 * How a posted answer shows progress where Slack does not stream. An answer ready within
 * `firstAfterMs` (every extractive one) is posted once, whole; a slower one (a language model
 * writing) is posted as it stands, then updated at most `maxUpdates` times, `everyMs` apart
 * (chat.update is a Tier 3 method, and a message edited every second flickers), then once more
 * with the final reply.
 */
export const PROGRESS = { firstAfterMs: 1500, everyMs: 2000, maxUpdates: 3 };

export interface ProgressivePost {
  /** Shows the answer so far, when it is time to: see PROGRESS. */
  progress(textSoFar: string): Promise<void>;
  /** The final reply: the message posted so far becomes its first message, the rest follow in the thread. False when Slack refused (logged). */
  finish(messages: SlackMessage[]): Promise<boolean>;
}

/** A reply posted with chat.postMessage and brought up to date with a few chat.update calls: one message, never two. */
export function createProgressivePost(api: SlackApi, target: ReplyTarget, { now, startedAt }: { now: () => number; startedAt: number }): ProgressivePost {
  let ts: string | undefined;
  let updates = 0;
  let lastAt = startedAt;
  const post = (m: SlackMessage) => api.call('chat.postMessage', { channel: target.channel, thread_ts: target.threadTs, ...m, unfurl_links: false, unfurl_media: false });
  const update = (m: SlackMessage) => api.call('chat.update', { channel: target.channel, ts, ...m });

  return {
    async progress(textSoFar) {
      const due = ts ? updates < PROGRESS.maxUpdates && now() - lastAt >= PROGRESS.everyMs : now() - lastAt >= PROGRESS.firstAfterMs;
      if (!due || !textSoFar.trim()) return;
      lastAt = now();
      if (!ts) {
        const posted = await post(writing(textSoFar));
        if (typeof posted?.ts === 'string') ts = posted.ts;
        // A post that failed is not retried as progress: the final reply will try again.
        else updates = PROGRESS.maxUpdates;
      } else {
        updates++;
        await update(writing(textSoFar));
      }
    },

    async finish([first, ...rest]) {
      if (!first) return true;
      if (!ts) return postInThread(api, target, [first, ...rest]);
      if (!(await update(first))?.ok) return false;
      return postInThread(api, target, rest);
    },
  };
}

/** The answer as far as it is written, marked as unfinished. */
function writing(text: string): SlackMessage {
  const mrkdwn = truncate(markdownToMrkdwn(escapeMrkdwn(text)), LIMITS.sectionText);
  return message(text.trim(), [section(mrkdwn), context([':hourglass_flowing_sand: _Still writing…_'])]);
}
