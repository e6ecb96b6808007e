import type { Ready } from '../../env';
import type { Briefing } from '../../../core/brief/types';
import { ACTION, askedByBlock, feedbackActions, notice, type SlackMessage } from './blocks';
import { briefingMessages } from './brief-blocks';
import type { SlackContext } from './context';
import { withAbsoluteLinks } from '../../http/public-origin';
import { encodeTopicValue } from './feedback';

// What BriefRequest accepts (src/core/brief/types.ts); a longer topic is refused before asking.
export const TOPIC_CHARS = 200;

export interface BriefOptions {
  /** What to brief on; null for the whole corpus. */
  topic: string | null;
  via: string;
  /** A private briefing (the slash command) offers to post itself to the channel. */
  postToChannel?: boolean;
  /** Shown above a briefing re-posted to the channel. */
  askedBy?: string;
}

/**
 * Asks the answerer for a briefing and renders it as Slack messages (several when it is long).
 * Never throws: when briefing fails the reply is an apology and `ok` is false, as for answers.
 */
export async function briefFor(ctx: SlackContext, ready: Ready, { topic, via, postToChannel, askedBy }: BriefOptions): Promise<{ ok: boolean; messages: SlackMessage[] }> {
  const started = ctx.now();
  try {
    const made = await ready.answerer.brief(topic ? { topic } : {});
    const briefing = ctx.linkOrigin ? withAbsoluteLinks(made, ctx.linkOrigin) : made;
    ctx.logger.info('slack briefed', {
      via,
      answerable: briefing.answerable,
      sections: briefing.sections.length,
      citations: briefing.citations.length,
      ms: ctx.now() - started,
      ...(ctx.config.LOG_QUESTIONS ? { topic } : {}),
    });
    // Votes record what was typed, as for a question: "brief Central Asia".
    const question = topic ? `brief ${topic}` : 'brief';
    const after = feedbackActions(
      { answer: plainText(briefing), answerable: briefing.answerable, citations: briefing.citations, mode: briefing.mode },
      { question, postToChannel: postToChannel && briefing.answerable, share: { actionId: ACTION.postBriefingToChannel, value: encodeTopicValue(topic) } },
    );
    return { ok: true, messages: briefingMessages(briefing, { sources: ready.index.sources, before: askedByBlock({ question, askedBy }), after }) };
  } catch (err) {
    ctx.logger.error('slack brief failed', { via, error: String(err), stack: (err as Error)?.stack });
    return { ok: false, messages: [notice('Sorry, I could not prepare that briefing just now. Please try again in a minute.')] };
  }
}

/** The briefing's lines as plain text, for the feedback record. */
function plainText(briefing: Briefing): string {
  if (!briefing.answerable) return briefing.bottomLine.text;
  return [briefing.title, briefing.bottomLine.text, ...briefing.sections.flatMap((s) => [s.heading, ...s.points.map((p) => p.text)])].join('\n');
}
