import type { Handler } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ready } from '../../env';
import { errorBody } from '../../env';
import type { FeedbackRecord } from '../../feedback/record';
import { answerFor } from './answer';
import { ACTION, notice, type SlackMessage } from './blocks';
import { briefFor } from './brief';
import type { SlackContext } from './context';
import { decodeQuestionValue, decodeTopicValue } from './feedback';
import { replyFromHome } from './home-actions';
import { parseJson } from './parse-json';
import { respondAll, RESPONSE_URL_POSTS } from './replies';
import { isSlackHook, parseSlackForm } from './slack-form';
import { recordButtonVote, recordNativeVote, type VoteClick } from './votes';

const payloadSchema = z.looseObject({
  type: z.string(),
  user: z.looseObject({ id: z.string() }),
  response_url: z.string().optional(),
  actions: z.array(z.looseObject({ action_id: z.string(), type: z.string().optional(), value: z.string().optional(), action_ts: z.string().optional() })).default([]),
  channel: z.looseObject({ id: z.string() }).optional(),
  container: z.looseObject({ message_ts: z.string().optional(), channel_id: z.string().optional() }).optional(),
  message: z.looseObject({ ts: z.string().optional(), text: z.string().optional(), blocks: z.array(z.unknown()).optional() }).optional(),
});

type Payload = z.output<typeof payloadSchema>;
type Action = Payload['actions'][number];

const VOTES: Record<string, FeedbackRecord['vote']> = { [ACTION.helpful]: 'helpful', [ACTION.notHelpful]: 'not_helpful' };

/**
 * `POST /slack/interactions`: button clicks, sent as a form field `payload` holding JSON.
 * Acknowledged at once with an empty 200 (what Slack expects); the work happens in the background,
 * once per click (a click Slack sends again carries the same `action_ts`).
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
    if (payload.type !== 'block_actions') return c.body(null, 200);
    for (const action of payload.actions) {
      const work = workFor(ctx, payload, action);
      if (!work) continue;
      if (action.action_ts && !(await ctx.claim(`action:${payload.user.id}:${action.action_id}:${action.action_ts}`))) {
        ctx.logger.info('slack click skipped as a repeat', { actionId: action.action_id, retry: c.req.header('x-slack-retry-num') });
        continue;
      }
      ctx.background(work.label, work.run);
    }
    return c.body(null, 200);
  };
}

/** What a click asks for, or undefined for a button the bot does not know. */
function workFor(ctx: SlackContext, payload: Payload, action: Action): { label: string; run: () => Promise<void> } | undefined {
  const vote = VOTES[action.action_id];
  if (vote) return { label: 'record slack feedback', run: () => recordButtonVote(ctx, voteClick(payload, action), vote) };
  if (action.action_id === ACTION.feedback) return { label: 'record slack feedback', run: () => recordNativeVote(ctx, voteClick(payload, action)) };
  if (action.action_id === ACTION.postToChannel) return { label: 'post slack answer to channel', run: () => postToChannel(ctx, payload, action) };
  if (action.action_id === ACTION.postBriefingToChannel) return { label: 'post slack briefing to channel', run: () => postBriefingToChannel(ctx, payload, action) };
  if (action.action_id === ACTION.homeBriefing) return { label: 'send slack briefing from home', run: () => briefFromHome(ctx, payload, action) };
  if (action.action_id.startsWith(`${ACTION.homePrompt}_`)) return { label: 'answer slack prompt from home', run: () => askFromHome(ctx, payload, action) };
  return undefined;
}

function voteClick(payload: Payload, action: Action): VoteClick {
  return {
    user: payload.user.id,
    conversation: payload.channel?.id ?? payload.container?.channel_id,
    message: payload.container?.message_ts ?? payload.message?.ts,
    actionTs: action.action_ts,
    actionId: action.action_id,
    value: action.value,
    responseUrl: payload.response_url,
    original: payload.message,
  };
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

/** The Home tab's "Send me the full briefing": the standing briefing, in the user's conversation with the app. */
async function briefFromHome(ctx: SlackContext, payload: Payload, action: Action): Promise<void> {
  const topic = decodeTopicValue(action.value)?.topic ?? null;
  await replyFromHome(ctx, payload.user.id, (ready) => briefFor(ctx, ready, { topic, askedBy: payload.user.id, via: 'home' }));
}

/** A Home tab prompt: its question answered in the user's conversation with the app. */
async function askFromHome(ctx: SlackContext, payload: Payload, action: Action): Promise<void> {
  const question = decodeQuestionValue(action.value);
  if (!question) {
    ctx.logger.warn('slack home prompt ignored: the button value is not ours', { actionId: action.action_id });
    return;
  }
  await replyFromHome(ctx, payload.user.id, (ready) => answerFor(ctx, ready, { question, askedBy: payload.user.id, via: 'home' }));
}
