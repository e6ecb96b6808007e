import type { Source } from '../../../core/corpus/types';
import type { SlackContext } from './context';
import type { Prompt } from './prompts';
import { section, message } from './blocks';

/** Where someone opened the app: the conversation with it, the thread (assistant view only), and the channel they were viewing, if any. */
export interface OpenedThread {
  channel: string;
  threadTs?: string;
  viewing?: string;
}

// A channel id as Slack writes them; anything else is left out of the greeting rather than echoed.
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/**
 * Greets someone who opened the app and offers `prompts`. In Slack's agent view (the Messages tab,
 * no thread) the greeting is the prompts' title, set on every opening without a message piling
 * up; in the older assistant view a new thread opens each time, so it gets a greeting message and
 * its prompts are set on that thread (`thread_ts`, which the agent view ignores without a word).
 * The channel being viewed only changes the wording: nothing in it is read.
 */
export async function offerPrompts(ctx: SlackContext, sources: readonly Source[], prompts: Prompt[], { channel, threadTs, viewing }: OpenedThread): Promise<void> {
  const channelId = viewing && CHANNEL_ID.test(viewing) ? viewing : undefined;
  if (!threadTs) {
    await ctx.api.call('assistant.threads.setSuggestedPrompts', { channel_id: channel, title: promptsTitle(channelId), prompts }, { quiet: true });
    return;
  }
  // The notification text names no channel: it is shown where mrkdwn is not.
  await ctx.api.call('chat.postMessage', { channel, thread_ts: threadTs, ...message(greeting(sources, undefined), [section(greeting(sources, channelId))]) });
  await ctx.api.call('assistant.threads.setSuggestedPrompts', { channel_id: channel, thread_ts: threadTs, title: 'Start with one of these:', prompts }, { quiet: true });
}

/** The agent view's greeting, above the prompts (plain text). */
const promptsTitle = (viewing: string | undefined) =>
  viewing ? 'Ask me about ISKP while you read: I answer from Tassev (2024) and its sources, not from the channel.' : 'Ask me about ISKP: I answer from Tassev (2024) and its sources, citing each claim.';

/** The assistant view's greeting message (mrkdwn): what the bot answers from, and, in a channel, that it does not read it. */
function greeting(sources: readonly Source[], viewing: string | undefined): string {
  const works = sources.filter((s) => s.kind === 'reference').length;
  const scope = `I answer questions about ISKP from Tassev (2024) and the ${works} works it cites, with a quote for every claim.`;
  return viewing ? `Hi! You’re in <#${viewing}>; I don’t read it, so ask me here. ${scope}` : `Hi! ${scope}`;
}
