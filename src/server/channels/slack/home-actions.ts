import type { Ready } from '../../env';
import { notice, type SlackMessage } from './blocks';
import type { SlackContext } from './context';
import { postReply } from './replies';

/**
 * A Home tab button (the full briefing, a suggested prompt): the reply, made by `reply`, goes to
 * the user's conversation with the app, naming what was asked. The Home tab has no thread and no
 * response_url, so it is posted to the user's id, which Slack delivers to that conversation.
 */
export async function replyFromHome(ctx: SlackContext, user: string, reply: (ready: Ready) => Promise<{ messages: SlackMessage[] }>): Promise<void> {
  const ready = ctx.ready();
  const messages = ready ? (await reply(ready)).messages : [notice('I am still loading the sources. Please try again in a few seconds.')];
  await postReply(ctx.api, user, messages);
}
