import type { SlackMessage } from './blocks';
import { notice } from './blocks';
import type { SlackApi } from './slack-api';

// Slack takes at most five posts to one response_url (within thirty minutes).
export const RESPONSE_URL_POSTS = 5;

/**
 * Posts a reply of one or more messages in a thread, in order. Stops at the first post that fails
 * (already logged by the API client), so no part arrives without the ones before it.
 */
export async function postInThread(api: SlackApi, { channel, threadTs }: { channel: string; threadTs: string }, messages: SlackMessage[]): Promise<boolean> {
  for (const message of messages) {
    const posted = await api.call('chat.postMessage', { channel, thread_ts: threadTs, ...message, unfurl_links: false, unfurl_media: false });
    if (!posted) return false;
  }
  return true;
}

/**
 * Posts a reply of one or more messages as a new message in `channel` (a user id: the user's
 * conversation with the app), the rest in its thread. False when a post failed (logged).
 */
export async function postReply(api: SlackApi, channel: string, [first, ...rest]: SlackMessage[]): Promise<boolean> {
  if (!first) return true;
  const posted = await api.call('chat.postMessage', { channel, ...first, unfurl_links: false, unfurl_media: false });
  if (typeof posted?.ts !== 'string') return false;
  // Slack answers with the conversation's own id, which thread replies need.
  const conversation = typeof posted.channel === 'string' ? posted.channel : channel;
  return postInThread(api, { channel: conversation, threadTs: posted.ts }, rest);
}

/**
 * Posts a reply of one or more messages to a `response_url`, in order, each with `fields`
 * (`response_type`...), within `posts` of the URL's five. A reply longer than that ends, in its
 * last post, by saying where to get it whole: a mention, whose reply goes in a thread.
 */
export async function respondAll(api: SlackApi, responseUrl: string, messages: SlackMessage[], fields: Record<string, unknown>, posts = RESPONSE_URL_POSTS): Promise<boolean> {
  const sent =
    messages.length > posts
      ? [...messages.slice(0, posts - 1), notice('This reply is too long to post here in full. Mention me in a channel and ask again: I will reply in a thread, in as many messages as it takes.')]
      : messages;
  for (const message of sent) {
    if (!(await api.respond(responseUrl, { ...fields, ...message }))) return false;
  }
  return true;
}
