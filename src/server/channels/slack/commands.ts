import type { Handler } from 'hono';
import type { AppEnv } from '../../env';
import { errorBody } from '../../env';
import { answerFor } from './answer';
import { helpMessage, notice, sourcesMessage, type SlackMessage } from './blocks';
import type { SlackContext } from './context';
import { escapeMrkdwn, fromSlackText, truncate } from './mrkdwn';
import { isSlackHook, parseSlackForm } from './slack-form';

const ephemeral = (message: SlackMessage) => ({ response_type: 'ephemeral' as const, ...message });

/**
 * `POST /slack/commands`: `/iskp help`, `/iskp sources` answered at once; `/iskp <question>`
 * acknowledged at once (Slack shows an error after three seconds) and answered privately through
 * `response_url`, with a button to share the answer with the channel.
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

    ctx.background('answer slash command', async () => {
      const { message } = await answerFor(ctx, ready, { question, postToChannel: true, via: 'command' });
      await ctx.api.respond(responseUrl!, ephemeral(message));
    });
    return c.json(lookingUp(question));
  };
}

/** The acknowledgement, naming the question so several pending ones can be told apart. */
const lookingUp = (question: string) => ({
  response_type: 'ephemeral' as const,
  text: `Looking this up… _${truncate(escapeMrkdwn(question.replace(/\s+/g, ' ')), 500)}_`,
});
