import type { ActionsBlock, Button as SlackButton, ContextActionsBlock, ContextBlock, DividerBlock, HeaderBlock, MrkdwnElement, PlainTextElement, SectionBlock } from '@slack/types';
import type { AskResponse, Citation } from '../../../core/answer/types';
import type { Source } from '../../../core/corpus/types';
import { encodeFeedbackValue, encodeQuestionValue, type FeedbackResponse } from './feedback';
import { escapeMrkdwn, markdownToMrkdwn, truncate } from './mrkdwn';
import { packLines } from './split-text';

/**
 * The Block Kit this bot sends, as Slack's own types declare it (`@slack/types`, types only): a
 * block with a missing or misspelt field fails `npm run typecheck`.
 */
export type TextObject = MrkdwnElement | PlainTextElement;
export type Button = SlackButton;
export type Block = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | ContextActionsBlock | DividerBlock;

/** A message for chat.postMessage or a response_url: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

// Slack rejects messages over these (Block Kit reference); we shorten or split instead.
// (A button's 2,000-character value limit is kept in feedback.ts, which writes the values.)
export const LIMITS = {
  blocks: 50,
  /** Blocks in a Home tab view. */
  viewBlocks: 100,
  sectionText: 3000,
  /** `markdown_text` of a streamed message, per call. */
  markdownText: 12_000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  fallbackText: 3000,
};
// Well under the limits: long quotes make the sources unreadable, and Slack also caps the whole message.
const QUOTE_CHARS = 400;
const ACTIONS_BLOCK = 'iskp_actions';

export const ACTION = {
  helpful: 'feedback_helpful',
  notHelpful: 'feedback_not_helpful',
  /** Slack's native feedback buttons under a streamed answer: one action id, the vote in the value. */
  feedback: 'answer_feedback',
  postToChannel: 'post_to_channel',
  postBriefingToChannel: 'post_briefing_to_channel',
  /** Home tab: the full standing briefing, sent to the user's DM with the app. */
  homeBriefing: 'home_full_briefing',
  /** Home tab: a suggested prompt, answered in the user's DM with the app (`ask_prompt_0`, `ask_prompt_1`…). */
  homePrompt: 'ask_prompt',
} as const;

export interface AnswerOptions {
  question: string;
  /** Ephemeral answers (the slash command) offer to post themselves to the channel. */
  postToChannel?: boolean;
  /** Shown above an answer re-posted to the channel, so readers see what was asked and by whom. */
  askedBy?: string;
}

/** An answer: the text with its `[n]` markers, the cited sources with quotes, suggestions, feedback buttons. */
export function answerMessage(response: AskResponse, options: AnswerOptions): SlackMessage {
  const blocks: Block[] = [];
  const asked = askedByBlock(options);
  if (asked) blocks.push(asked);
  const answer = truncate(markdownToMrkdwn(escapeMrkdwn(response.answer)), LIMITS.sectionText);
  blocks.push(section(answer));
  if (response.notice) blocks.push(context([`:warning: ${escapeMrkdwn(response.notice)}`]));
  if (response.citations.length) blocks.push(context(citationLines(response.citations)));
  if (response.followUps.length) blocks.push(followUpsBlock(response.followUps, response.answerable));
  blocks.push(feedbackActions(response, options));
  return message(response.answer, blocks);
}

/** "<@U123> asked: _…_" above a re-posted answer, for a well-formed user id only (it becomes a mention). */
export function askedByBlock({ question, askedBy }: Pick<AnswerOptions, 'question' | 'askedBy'>): Block | undefined {
  if (!askedBy || !/^[UW][A-Z0-9]+$/.test(askedBy)) return undefined;
  return section(`<@${askedBy}> asked: _${truncate(escapeMrkdwn(oneLine(question)), 500)}_`);
}

/** Suggested questions: related ones after an answer, ones to try instead after an abstention. */
export function followUpsBlock(followUps: string[], answerable: boolean): Block {
  const label = answerable ? 'Related questions' : 'Try one of these';
  return section(truncate(`*${label}:*\n${followUps.map((q) => `• ${escapeMrkdwn(q)}`).join('\n')}`, LIMITS.sectionText));
}

/** `/iskp sources`: every source in the corpus, one line each, split into sections that fit. */
export function sourcesMessage(sources: Source[]): SlackMessage {
  const lines = sources.map((s) => `• ${reference(s)} \`${escapeMrkdwn(s.id)}\``);
  const heading = `*The ${sources.length} sources I answer from* — the paper, its abstract and the works it cites:`;
  return message(`The ${sources.length} sources I answer from.`, [section(heading), ...packLines(lines, LIMITS.sectionText).map(section)]);
}

/** What the bot answers from, and each way to ask it: the help message, and the Home tab's "what I cover" and command sections. */
export function helpLines(command: string): { covers: string; ways: string[] } {
  return {
    covers:
      '*I answer questions about Tassev (2024), “The Islamic State-Khorasan’s Recent Reorganization and Remaining Threat for Central Asia in 2024”, and the 24 works it cites* — only from those sources, with each claim cited.',
    ways: [
      `• \`${command} <question>\` — ask privately; you can then post the answer to the channel.`,
      `• \`${command} brief [topic]\` — a cited briefing on the paper, or on one topic of it (\`${command} brief Central Asia\`); also privately, with a button to post it.`,
      `• \`${command} sources\` — list the sources.`,
      '• Mention me in a channel, or message me directly: I answer in the thread, and follow-up questions in the same thread build on the earlier ones. Ask me to brief you on a topic for a briefing there.',
    ],
  };
}

/** `/iskp help`, and the reply to a mention with no question. */
export function helpMessage(command: string): SlackMessage {
  const { covers, ways } = helpLines(command);
  return message('How to ask me about the ISKP briefing.', [section([covers, ...ways].join('\n'))]);
}

/** A one-line status or error message. */
export const notice = (text: string): SlackMessage => message(text, [section(escapeMrkdwn(text))]);

/** The actions block replaced by a thank-you once a vote is recorded, so it cannot be cast twice. */
export function withThanks(blocks: unknown[], vote: 'helpful' | 'not_helpful'): unknown[] {
  const thanks = context([`Thanks for the feedback — marked ${vote === 'helpful' ? '*helpful*' : '*not helpful*'}.`]);
  return blocks.map((b) => ((b as { block_id?: string })?.block_id === ACTIONS_BLOCK ? thanks : b));
}

/**
 * Helpful / Not helpful, and when the reply is private, a button that shares it: by default the
 * answer's (it asks `question` again), or the one given (a briefing's re-runs its topic).
 */
export function feedbackActions(
  response: FeedbackResponse,
  { question, postToChannel, share }: Pick<AnswerOptions, 'question' | 'postToChannel'> & { share?: { actionId: string; value: string } },
): Block {
  const value = encodeFeedbackValue({ question, response });
  const elements: Button[] = [button(ACTION.helpful, ':thumbsup: Helpful', value), button(ACTION.notHelpful, ':thumbsdown: Not helpful', value)];
  if (postToChannel) {
    const { actionId, value: shared } = share ?? { actionId: ACTION.postToChannel, value: encodeQuestionValue(question) };
    elements.push(button(actionId, 'Post to channel', shared, 'primary'));
  }
  return { type: 'actions', block_id: ACTIONS_BLOCK, elements };
}

/** A button, its label shortened to Slack’s 75 characters. */
export const button = (action_id: string, text: string, value: string, style?: Button['style']): Button => ({
  type: 'button',
  action_id,
  text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText) },
  value,
  ...(style ? { style } : {}),
});

/** `[1] Hamming, T. (2023). *Title*. CTC Sentinel. — “quote”`, at most ten, the tenth saying how many more. */
function citationLines(citations: Citation[]): string[] {
  const max = LIMITS.contextElements;
  const shown = citations.length > max ? citations.slice(0, max - 1) : citations;
  const lines = shown.map((c) => truncate(citationLine(c, QUOTE_CHARS), LIMITS.sectionText));
  if (citations.length > shown.length) lines.push(`…and ${citations.length - shown.length} more sources.`);
  return lines;
}

/** `[n]`, linking to the source's page with the quote highlighted when the link is absolute (PUBLIC_URL set). */
const sourceLink = (c: Citation) => (/^https?:\/\/[^\s|<>]+$/.test(c.url) ? `<${c.url}|[${c.n}]>` : `[${c.n}]`);

/** One cited source and its quote, escaped for mrkdwn; the quote shortened to `quoteChars` when given. */
export function citationLine(c: Citation, quoteChars = Infinity): string {
  return `*${sourceLink(c)}* ${reference(c)} — “${truncate(escapeMrkdwn(oneLine(c.quote)), quoteChars)}”`;
}

export type Referable = Pick<Source, 'authors' | 'year' | 'title' | 'container' | 'publisher'>;

/** Authors (year). *Title*. Outlet. — escaped, ready for mrkdwn. */
export function reference(s: Referable): string {
  const outlet = s.container ?? s.publisher;
  const parts = [`${authorList(s.authors)} (${s.year ?? 'n.d.'}).`, `_${sentence(s.title)}_`];
  // News outlets are often their own author ("Al Jazeera (2018)"): naming them twice reads as a typo.
  if (outlet && outlet !== s.authors[0]) parts.push(sentence(outlet));
  return escapeMrkdwn(parts.join(' '));
}

const sentence = (s: string) => (/[.?!]$/.test(oneLine(s)) ? oneLine(s) : `${oneLine(s)}.`);

function authorList(authors: string[]): string {
  if (authors.length === 0) return 'Anonymous';
  if (authors.length > 5) return `${authors[0]} et al.`;
  if (authors.length === 1) return authors[0]!;
  return `${authors.slice(0, -1).join(', ')} & ${authors.at(-1)}`;
}

export const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
export const context = (texts: string[]): Block => ({ type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn', text })) });
export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The last guard before sending: at most 50 blocks, and a plain fallback text that cannot mention anyone. */
export function message(fallback: string, blocks: Block[]): SlackMessage {
  const fitted = blocks.length > LIMITS.blocks ? [...blocks.slice(0, LIMITS.blocks - 1), context(['…shortened to fit in one Slack message.'])] : blocks;
  return { text: truncate(escapeMrkdwn(fallback), LIMITS.fallbackText), blocks: fitted };
}
