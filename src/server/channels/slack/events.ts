import type { Handler } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ready } from '../../env';
import { errorBody } from '../../env';
import { answerFor } from './answer';
import { helpMessage } from './blocks';
import type { SlackContext } from './context';
import { threadHistory } from './history';
import { fromSlackText } from './mrkdwn';
import { parseJson } from './parse-json';
import { postInThread } from './replies';

// The envelopes Slack sends to an Events API URL; anything else did not come from Slack's events.
const envelopeSchema = z.looseObject({
  type: z.enum(['url_verification', 'event_callback', 'app_rate_limited']),
  challenge: z.string().optional(),
  event_id: z.string().optional(),
  event: z.unknown().optional(),
});

const messageEventSchema = z.looseObject({
  type: z.string(),
  channel: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  user: z.string().optional(),
  text: z.string().optional(),
  channel_type: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});

type MessageEvent = z.output<typeof messageEventSchema>;

/**
 * `POST /slack/events` (Events API). Answers the URL check; for a mention in a channel or a direct
 * message, acknowledges at once and answers in the message's thread in the background, because
 * Slack retries anything not acknowledged within three seconds.
 */
export function createEventsHandler(ctx: SlackContext): Handler<AppEnv> {
  return async (c) => {
    const envelope = envelopeSchema.safeParse(parseJson(await c.req.text()));
    if (!envelope.success) return c.json(errorBody('invalid_request', 'The body is not a Slack event.', c.get('requestId')), 400);
    const { type, challenge, event_id: eventId } = envelope.data;
    if (type === 'url_verification') return c.json({ challenge: challenge ?? '' });

    const parsed = messageEventSchema.safeParse(envelope.data.event);
    if (type !== 'event_callback' || !parsed.success || !isQuestion(parsed.data)) return c.json({ ok: true });
    const event = parsed.data;

    // Not claimed while loading: the 503 makes Slack retry in a minute, and that retry is answered.
    const ready = ctx.requireReady();

    // Claim both the delivery and the message: a retry repeats the event_id, and one message can
    // arrive as two events (a mention in a DM) with different ids.
    const retry = c.req.header('x-slack-retry-num');
    const reason = c.req.header('x-slack-retry-reason');
    const fresh = (await ctx.claim(`event:${eventId ?? `${event.channel}:${event.ts}`}`)) && (await ctx.claim(`message:${event.channel}:${event.ts}`));
    // A timeout retry means the first delivery did reach a server and is being answered there,
    // even if not by this process (another Worker isolate); other retries (connection failed,
    // non-2xx) mean it never got through, so an unseen one is answered.
    if (!fresh || (retry && reason === 'http_timeout')) {
      ctx.logger.info('slack event skipped as a repeat', { eventId, retry, reason });
      return c.json({ ok: true });
    }
    c.set('question', fromSlackText(event.text ?? ''));
    ctx.background('answer slack event', () => answerInThread(ctx, ready, event));
    return c.json({ ok: true });
  };
}

/** A person's message to the bot: a mention, or a message in a DM. Never a bot (itself included), an edit or a deletion. */
function isQuestion(event: MessageEvent): boolean {
  if (event.bot_id || event.subtype || !event.user) return false;
  if (event.type === 'app_mention') return true;
  return event.type === 'message' && event.channel_type === 'im';
}

async function answerInThread(ctx: SlackContext, ready: Ready, event: MessageEvent): Promise<void> {
  const question = fromSlackText(event.text ?? '');
  const messages = question
    ? (await answerFor(ctx, ready, { question, history: await earlierInThread(ctx, event), via: event.type })).messages
    : [helpMessage(ctx.config.SLACK_COMMAND)];
  await postInThread(ctx.api, { channel: event.channel, threadTs: event.thread_ts ?? event.ts }, messages);
}

/** A message that starts a thread has no history, and costs no API call. */
const earlierInThread = (ctx: SlackContext, event: MessageEvent) =>
  event.thread_ts ? threadHistory(ctx.api, ctx.logger, { channel: event.channel, threadTs: event.thread_ts, before: event.ts }) : Promise.resolve([]);
