import type { Handler } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ready } from '../../env';
import { errorBody } from '../../env';
import type { FeedbackRecord } from '../../feedback/record';
import { answerFor } from './answer';
import { ACTION, notice, withThanks, type SlackMessage } from './blocks';
import { briefFor } from './brief';
import type { SlackContext } from './context';
import { decodeFeedbackValue, decodeQuestionValue, decodeTopicValue, feedbackRecord } from './feedback';
import { parseJson } from './parse-json';
import { respondAll, RESPONSE_URL_POSTS } from './replies';
import { isSlackHook, parseSlackForm } from './slack-form';

const payloadSchema = z.looseObject({
  type: z.string(),
  user: z.looseObject({ id: z.string() }),
  response_url: z.string().optional(),
  actions: z.array(z.looseObject({ action_id: z.string(), value: z.string().optional() })).default([]),
  channel: z.looseObject({ id: z.string() }).optional(),
  container: z.looseObject({ message_ts: z.string().optional() }).optional(),
  message: z.looseObject({ ts: z.string().optional(), text: z.string().optional(), blocks: z.array(z.unknown()).optional() }).optional(),
});

type Payload = z.output<typeof payloadSchema>;
type Action = Payload['actions'][number];

const VOTES: Record<string, FeedbackRecord['vote']> = { [ACTION.helpful]: 'helpful', [ACTION.notHelpful]: 'not_helpful' };

/**
 * `POST /slack/interactions`: button clicks, sent as a form field `payload` holding JSON.
 * Acknowledged at once with an empty 200 (what Slack expects); the work happens in the background.
 */
export function createInteractionsHandler(ctx: SlackContext): Handler<AppEnv> {
  return async (c) => {
    const raw = parseSlackForm(await c.req.text())?.get('payload');
    const parsed = payloadSchema.safeParse(parseJson(raw));
    if (!parsed.success) return c.json(errorBody('invalid_request', 'The body is not a Slack interaction payload.', c.get('requestId')), 400);
    const payload = parsed.data;
    if (payload.response_url !== undefined && !isSlackHook(payload.response_url, ctx.hooksUrl)) {
      return c.json(errorBody('invalid_request', 'The interaction’s response_url is not on Slack’s hooks host.', c.get('requestId')), 400);
    }
    if (payload.type === 'block_actions') {
      for (const action of payload.actions) {
        const vote = VOTES[action.action_id];
        if (vote) ctx.background('record slack feedback', () => recordVote(ctx, payload, action, vote));
        else if (action.action_id === ACTION.postToChannel) ctx.background('post slack answer to channel', () => postToChannel(ctx, payload, action));
        else if (action.action_id === ACTION.postBriefingToChannel) ctx.background('post slack briefing to channel', () => postBriefingToChannel(ctx, payload, action));
      }
    }
    return c.body(null, 200);
  };
}

async function recordVote(ctx: SlackContext, payload: Payload, action: Action, vote: FeedbackRecord['vote']): Promise<void> {
  const value = decodeFeedbackValue(action.value);
  if (!value) {
    ctx.logger.warn('slack feedback ignored: the button value is not ours', { actionId: action.action_id });
    return;
  }
  const context: Record<string, string> = {};
  if (payload.channel?.id) context.conversation = payload.channel.id;
  const ts = payload.container?.message_ts ?? payload.message?.ts;
  if (ts) context.message = ts;
  const record = feedbackRecord(value, vote, { user: payload.user.id, time: new Date(ctx.now()), context });
  try {
    await ctx.feedback.append(record);
  } catch (err) {
    ctx.logger.error('slack feedback could not be recorded', { error: String(err) });
    if (payload.response_url) await ctx.api.respond(payload.response_url, { response_type: 'ephemeral', replace_original: false, ...notice('Sorry, your feedback could not be saved. Please try again later.') });
    return;
  }
  if (!payload.response_url) return;
  // With the original blocks, swap the buttons for a thank-you in place (one vote per message);
  // Slack leaves them out for some messages, and then a private thank-you has to do.
  const blocks = payload.message?.blocks;
  const thanks = blocks
    ? { replace_original: true, text: payload.message?.text ?? 'Thanks for the feedback.', blocks: withThanks(blocks, vote) }
    : { response_type: 'ephemeral', replace_original: false, ...notice('Thanks for the feedback.') };
  await ctx.api.respond(payload.response_url, thanks);
}

/** Shares a private answer: asks its question again (the button holds the question, not the whole answer). */
async function postToChannel(ctx: SlackContext, payload: Payload, action: Action): Promise<void> {
  const question = decodeQuestionValue(action.value);
  if (!question) {
    ctx.logger.warn('slack post-to-channel ignored: the button value is not ours', { actionId: action.action_id });
    return;
  }
  await share(ctx, payload, (ready) => answerFor(ctx, ready, { question, askedBy: payload.user.id, via: 'post_to_channel' }));
}

/** Shares a private briefing: briefs on its topic again (the button holds the topic). */
async function postBriefingToChannel(ctx: SlackContext, payload: Payload, action: Action): Promise<void> {
  const value = decodeTopicValue(action.value);
  if (!value) {
    ctx.logger.warn('slack post-to-channel ignored: the button value is not ours', { actionId: action.action_id });
    return;
  }
  await share(ctx, payload, (ready) => briefFor(ctx, ready, { topic: value.topic, askedBy: payload.user.id, via: 'post_to_channel' }));
}

/**
 * Posts a reply, made afresh by `reply`, in the channel, naming who asked, then removes the
 * private copy; when the reply fails, says so privately and leaves the private copy be.
 */
async function share(ctx: SlackContext, payload: Payload, reply: (ready: Ready) => Promise<{ ok: boolean; messages: SlackMessage[] }>): Promise<void> {
  const responseUrl = payload.response_url;
  if (!responseUrl) {
    ctx.logger.warn('slack post-to-channel ignored: no response_url');
    return;
  }
  const ready = ctx.ready();
  const replied = ready ? await reply(ready) : undefined;
  if (!replied?.ok) {
    const messages = replied ? replied.messages : [notice('I am still loading the sources. Please try again in a few seconds.')];
    await respondAll(ctx.api, responseUrl, messages, { response_type: 'ephemeral', replace_original: false });
    return;
  }
  // The last of the URL's posts is kept for removing the private copy.
  const posted = await respondAll(ctx.api, responseUrl, replied.messages, { response_type: 'in_channel', replace_original: false }, RESPONSE_URL_POSTS - 1);
  if (posted) await ctx.api.respond(responseUrl, { delete_original: true });
}
