import type { Ready } from '../../env';
import { REQUEST_LIMITS } from '../../../core/answer/limits';
import type { AskResponse, Turn } from '../../../core/answer/types';
import { linked, logAnswered, renderAnswer } from './answer';
import { helpMessage, oneLine } from './blocks';
import type { SlackContext } from './context';
import { threadHistory } from './history';
import { fromSlackText, truncate } from './mrkdwn';
import { createReply } from './reply-stream';
import { postInThread } from './replies';
import { streamedAnswerBlocks } from './stream-blocks';

/** What Slack shows under the question while the answer is found: a status, and the lines it cycles through. */
const STATUS = {
  status: 'Searching the sources…',
  loading_messages: ['Searching the sources…', 'Reading Tassev (2024) and the works it cites…', 'Checking each quote against its source…'],
};
// Slack cuts a long thread title in its list; a question past this is shortened with an ellipsis.
const TITLE_CHARS = 100;
const APOLOGY = 'Sorry, I could not answer that just now. Please try again in a minute.';

/** A person's direct message to the app, as the message event carries it. */
export interface DirectMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  team?: string;
  text?: string;
}

/**
 * Answers a direct message the way Slack's own AI apps do: a status while it searches, the thread
 * titled with its first question, the answer streamed as it is written (the sources, questions to
 * try and Slack's feedback buttons under it), or, where Slack does not stream, posted as the older
 * paths post it. The status and title are extras: a workspace that refuses them still gets the answer.
 */
export async function answerInAgentThread(ctx: SlackContext, ready: Ready, message: DirectMessage): Promise<void> {
  const started = ctx.now();
  const target = { channel: message.channel, threadTs: message.thread_ts ?? message.ts, user: message.user, team: message.team };
  const question = fromSlackText(message.text ?? '').slice(0, REQUEST_LIMITS.questionChars);
  if (!question) {
    await postInThread(ctx.api, target, [helpMessage(ctx.config.SLACK_COMMAND)]);
    return;
  }
  const thread = { channel_id: target.channel, thread_ts: target.threadTs };
  await ctx.api.call('assistant.threads.setStatus', { ...thread, ...STATUS }, { quiet: true });
  const history = message.thread_ts ? await threadHistory(ctx.api, ctx.logger, { channel: message.channel, threadTs: message.thread_ts, before: message.ts }) : [];
  if (!history.some((turn) => turn.role === 'user')) await ctx.api.call('assistant.threads.setTitle', { ...thread, title: truncate(oneLine(question), TITLE_CHARS) }, { quiet: true });

  const reply = createReply({
    api: ctx.api,
    logger: ctx.logger,
    now: ctx.now,
    target,
    render: {
      streamed: (response) => streamedAnswerBlocks(response, { question }),
      posted: (response) => renderAnswer(response, { question }, ready.index.sources),
    },
  });
  const response = await streamAnswer(ctx, ready, { question, history }, (text) => reply.write(text));
  if (!response) {
    await reply.fail(APOLOGY);
    return;
  }
  await reply.finish(linked(ctx, response));
  logAnswered(ctx, { via: 'agent', response, question, historyTurns: history.length, started, reply: reply.how });
}

/** The answerer's stream, each piece of text handed to `write` as it comes; undefined (logged) when answering failed. */
async function streamAnswer(ctx: SlackContext, ready: Ready, { question, history }: { question: string; history: Turn[] }, write: (text: string) => Promise<void>): Promise<AskResponse | undefined> {
  try {
    for await (const event of ready.answerer.stream({ question, history: history.length ? history : undefined })) {
      if (event.type === 'delta') await write(event.text);
      else if (event.type === 'end') return event.response;
    }
    throw new Error('the answer ended without a response');
  } catch (err) {
    ctx.logger.error('slack answer failed', { via: 'agent', error: String(err), stack: (err as Error)?.stack });
    return undefined;
  }
}
