import type { Handler } from 'hono';
import type { AppEnv } from '../../env';
import { errorBody } from '../../env';
import { answerFor } from './answer';
import { helpMessage, notice, sourcesMessage, type SlackMessage } from './blocks';
import { briefFor, TOPIC_CHARS } from './brief';
import type { SlackContext } from './context';
import { escapeMrkdwn, fromSlackText, truncate } from './mrkdwn';
import { respondAll } from './replies';
import { isSlackHook, parseSlackForm } from './slack-form';

const ephemeral = (message: SlackMessage) => ({ response_type: 'ephemeral' as const, ...message });

/**
 * `POST /slack/commands`: `/iskp help`, `/iskp sources` answered at once; `/iskp <question>` and
 * `/iskp brief [topic]` acknowledged at once (Slack shows an error after three seconds) and
 * answered privately through `response_url`, with a button to share the reply with the channel.
 */
export function createCommandsHandler(ctx: SlackContext): Handler<AppEnv> {
  const command = ctx.config.SLACK_COMMAND;
  return async (c) => {
    const form = parseSlackForm(await c.req.text());
    if (!form?.has('command')) return c.json(errorBody('invalid_request', 'The body is not a Slack slash command.', c.get('requestId')), 400);
    const responseUrl = form.get('response_url');
    if (!isSlackHook(responseUrl, ctx.hooksUrl)) return c.json(errorBody('invalid_request', 'A slash command needs a response_url on Slack’s hooks host.', c.get('requestId')), 400);
    if (form.get('command') !== command) return c.json(ephemeral(notice(`This app only answers ${command}.`)));
    const question = fromSlackText(form.get('text') ?? '');
    c.set('question', question);
    if (!question || /^help$/i.test(question)) return c.json(ephemeral(helpMessage(command)));

    const ready = ctx.ready();
    if (!ready) return c.json(ephemeral(notice('I am still loading the sources. Please try again in a few seconds.')));
    if (/^sources$/i.test(question)) return c.json(ephemeral(sourcesMessage(ready.index.sources)));

    const topic = briefTopic(question);
    if (topic !== undefined) {
      if (topic && topic.length > TOPIC_CHARS) return c.json(ephemeral(notice(`A briefing topic can be at most ${TOPIC_CHARS} characters; this one has ${topic.length}.`)));
      ctx.background('brief slash command', async () => {
        const { messages } = await briefFor(ctx, ready, { topic, postToChannel: true, via: 'command' });
        await respondAll(ctx.api, responseUrl!, messages, { response_type: 'ephemeral' });
      });
      return c.json(preparing(topic));
    }

    ctx.background('answer slash command', async () => {
      const { messages } = await answerFor(ctx, ready, { question, postToChannel: true, via: 'command' });
      await respondAll(ctx.api, responseUrl!, messages, { response_type: 'ephemeral' });
    });
    return c.json(lookingUp(question));
  };
}

/**
 * `brief`, `brief Central Asia`, `brief me on the Taliban`: the topic (null for none), or
 * undefined when the text is not a briefing request.
 */
function briefTopic(text: string): string | null | undefined {
  const match = /^brief(?=\s|$)/i.exec(text);
  if (!match) return undefined;
  const topic = text.slice(match[0].length).trim().replace(/^me(?=\s|$)/i, '').trim().replace(/^(?:on|about)(?=\s|$)/i, '').trim();
  return topic || null;
}

/** The acknowledgement of `brief`, naming its topic. */
const preparing = (topic: string | null) => ({
  response_type: 'ephemeral' as const,
  text: topic ? `Preparing a briefing on _${truncate(escapeMrkdwn(topic.replace(/\s+/g, ' ')), 500)}_…` : 'Preparing a briefing on the paper and the works it cites…',
});

/** The acknowledgement, naming the question so several pending ones can be told apart. */
const lookingUp = (question: string) => ({
  response_type: 'ephemeral' as const,
  text: `Looking this up… _${truncate(escapeMrkdwn(question.replace(/\s+/g, ' ')), 500)}_`,
});
