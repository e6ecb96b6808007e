import type { Context, Handler } from 'hono';
import { z } from 'zod';
import type { Answerer } from '../../../core/answer/types';
import type { AppEnv, Ready } from '../../env';
import { errorBody } from '../../env';
import { answerInAgentThread } from './agent-reply';
import { offerPrompts } from './agent-thread';
import { answerFor } from './answer';
import { helpMessage } from './blocks';
import type { SlackContext } from './context';
import { threadHistory } from './history';
import { createHomePublisher, type HomePublisher } from './home';
import { fromSlackText } from './mrkdwn';
import { parseJson } from './parse-json';
import { createPromptSource, type Prompt } from './prompts';
import { postInThread } from './replies';

// The envelopes Slack sends to an Events API URL; anything else did not come from Slack's events.
const envelopeSchema = z.looseObject({
  type: z.enum(['url_verification', 'event_callback', 'app_rate_limited']),
  challenge: z.string().optional(),
  event_id: z.string().optional(),
  team_id: z.string().optional(),
  event: z.unknown().optional(),
});

const messageEventSchema = z.looseObject({
  type: z.string(),
  channel: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  user: z.string().optional(),
  team: z.string().optional(),
  text: z.string().optional(),
  channel_type: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});

// What the user is viewing, as agent-view events carry it (`slack#/types/channel_id` entities).
const viewContextSchema = z.looseObject({ entities: z.array(z.looseObject({ type: z.string(), value: z.unknown() })).optional() }).optional();

const homeOpenedSchema = z.looseObject({
  type: z.literal('app_home_opened'),
  user: z.string(),
  channel: z.string(),
  tab: z.string().optional(),
  view: z.looseObject({ private_metadata: z.string().optional() }).optional(),
  context: viewContextSchema,
});

const threadStartedSchema = z.looseObject({
  type: z.literal('assistant_thread_started'),
  assistant_thread: z.looseObject({ channel_id: z.string(), thread_ts: z.string(), context: z.looseObject({ channel_id: z.string().optional() }).optional() }),
});

type MessageEvent = z.output<typeof messageEventSchema>;

/** A piece of work an event asks for: what it is, the claims that make it run once, and the work. */
interface EventJob {
  label: string;
  /** Claimed after the delivery's own `event:` key; all must be fresh for the job to run. */
  claims: string[];
  /** The question, for the request log. */
  question?: string;
  run(ready: Ready): Promise<void>;
}

interface Helpers {
  prompts: (answerer: Answerer) => Promise<Prompt[]>;
  publishHome: HomePublisher;
}

/**
 * `POST /slack/events` (Events API). Answers the URL check; for an event the bot acts on (a mention
 * or a direct message, the app's Messages or Home tab opened, an assistant thread started) it
 * acknowledges at once and does the work in the background, because Slack retries anything not
 * acknowledged within three seconds; each delivery, and each message, is acted on once.
 */
export function createEventsHandler(ctx: SlackContext): Handler<AppEnv> {
  const prompts = createPromptSource();
  const helpers: Helpers = { prompts, publishHome: createHomePublisher(ctx, prompts) };
  return async (c) => {
    const envelope = envelopeSchema.safeParse(parseJson(await c.req.text()));
    if (!envelope.success) return c.json(errorBody('invalid_request', 'The body is not a Slack event.', c.get('requestId')), 400);
    const { type, challenge, event_id: eventId, team_id: team } = envelope.data;
    if (type === 'url_verification') return c.json({ challenge: challenge ?? '' });
    if (type !== 'event_callback') return c.json({ ok: true });

    const job = jobFor(ctx, helpers, envelope.data.event, team);
    if (!job) return c.json({ ok: true });
    // Not claimed while loading: the 503 makes Slack retry in a minute, and that retry is acted on.
    const ready = ctx.requireReady();
    if (!(await claimOnce(ctx, c, eventId, job.claims))) return c.json({ ok: true });
    if (job.question !== undefined) c.set('question', job.question);
    ctx.background(job.label, () => job.run(ready));
    return c.json({ ok: true });
  };
}

/**
 * True when this delivery and everything `claims` names are claimed here first. A timeout retry
 * means the first delivery did reach a server and is being handled there, even if not by this
 * process (another Worker isolate); other retries (connection failed, non-2xx) mean it never got
 * through, so an unseen one is handled.
 */
async function claimOnce(ctx: SlackContext, c: Context<AppEnv>, eventId: string | undefined, claims: string[]): Promise<boolean> {
  const retry = c.req.header('x-slack-retry-num');
  const reason = c.req.header('x-slack-retry-reason');
  let fresh = true;
  for (const key of eventId ? [`event:${eventId}`, ...claims] : claims) if (!(fresh = await ctx.claim(key))) break;
  if (fresh && !(retry && reason === 'http_timeout')) return true;
  ctx.logger.info('slack event skipped as a repeat', { eventId, retry, reason });
  return false;
}

/** What an event asks of the bot, or undefined for one it lets be. */
function jobFor(ctx: SlackContext, helpers: Helpers, raw: unknown, team: string | undefined): EventJob | undefined {
  const message = messageEventSchema.safeParse(raw);
  if (message.success && isQuestion(message.data)) {
    const event = message.data;
    // The message as well as the delivery: one message can arrive as two events (a mention in a DM) with different ids.
    const claims = [`message:${event.channel}:${event.ts}`];
    const question = fromSlackText(event.text ?? '');
    if (isDirect(event)) return { label: 'answer slack direct message', claims, question, run: (ready) => answerInAgentThread(ctx, ready, { ...event, team: event.team ?? team }) };
    return { label: 'answer slack event', claims, question, run: (ready) => answerInThread(ctx, ready, event) };
  }

  const home = homeOpenedSchema.safeParse(raw);
  if (home.success) {
    const { user, channel, tab, view, context } = home.data;
    if (tab === 'home') return { label: 'publish slack home tab', claims: [], run: (ready) => helpers.publishHome(ready, { user, shown: view?.private_metadata }) };
    // Slack's agent view: the app's conversation opened, where `assistant_thread_started` used to come.
    if (tab === 'messages') return { label: 'offer slack prompts', claims: [], run: async (ready) => offerPrompts(ctx, ready.index.sources, await helpers.prompts(ready.answerer), { channel, viewing: viewedChannel(context) }) };
    return undefined;
  }

  const started = threadStartedSchema.safeParse(raw);
  if (started.success) {
    // The older assistant view: a new thread, with prompts set on it.
    const { channel_id: channel, thread_ts: threadTs, context } = started.data.assistant_thread;
    return {
      label: 'greet slack assistant thread',
      claims: [`thread:${channel}:${threadTs}`],
      run: async (ready) => offerPrompts(ctx, ready.index.sources, await helpers.prompts(ready.answerer), { channel, threadTs, viewing: context?.channel_id }),
    };
  }
  // Everything else is let be, `app_context_changed` included: what someone is viewing matters to
  // the bot only for the greeting when they open it, and it never reads a channel it is not asked in.
  return undefined;
}

/** A person's message to the bot: a mention, or a message in a DM. Never a bot (itself included), an edit or a deletion. */
function isQuestion(event: MessageEvent): boolean {
  if (event.bot_id || event.subtype || !event.user) return false;
  if (event.type === 'app_mention') return true;
  return event.type === 'message' && event.channel_type === 'im';
}

/** A direct message to the app, whichever event brought it (a mention in a DM has no channel_type; DM ids start with D). */
const isDirect = (event: MessageEvent) => event.channel_type === 'im' || event.channel.startsWith('D');

/** The channel the user is viewing, from an agent-view event's context. */
function viewedChannel(context: z.output<typeof viewContextSchema>): string | undefined {
  const entity = context?.entities?.find((e) => e.type === 'slack#/types/channel_id' && typeof e.value === 'string');
  return entity?.value as string | undefined;
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
