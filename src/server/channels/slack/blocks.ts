import type { AskResponse, Citation } from '../../../core/answer/types';
import type { Source } from '../../../core/corpus/types';
import { encodeFeedbackValue, encodeQuestionValue } from './feedback';
import { escapeMrkdwn, markdownToMrkdwn, truncate } from './mrkdwn';

/** The Block Kit subset this bot sends. */
export type TextObject = { type: 'mrkdwn' | 'plain_text'; text: string };
export type Button = { type: 'button'; action_id: string; text: TextObject; value: string; style?: 'primary' | 'danger' };
export type Block =
  | { type: 'section'; block_id?: string; text: TextObject }
  | { type: 'context'; block_id?: string; elements: TextObject[] }
  | { type: 'actions'; block_id: string; elements: Button[] };

/** A message for chat.postMessage or a response_url: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

// Slack rejects messages over these (Block Kit reference); we shorten instead.
// (A button's 2,000-character value limit is kept in feedback.ts, which writes the values.)
export const LIMITS = { blocks: 50, sectionText: 3000, contextElements: 10, buttonText: 75, fallbackText: 3000 };
// Well under the limits: long quotes make the sources unreadable, and Slack also caps the whole message.
const QUOTE_CHARS = 400;
const ACTIONS_BLOCK = 'iskp_actions';

export const ACTION = {
  helpful: 'feedback_helpful',
  notHelpful: 'feedback_not_helpful',
  postToChannel: 'post_to_channel',
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
  if (options.askedBy && /^[UW][A-Z0-9]+$/.test(options.askedBy)) {
    blocks.push(section(`<@${options.askedBy}> asked: _${truncate(escapeMrkdwn(oneLine(options.question)), 500)}_`));
  }
  const answer = truncate(markdownToMrkdwn(escapeMrkdwn(response.answer)), LIMITS.sectionText);
  blocks.push(section(answer));
  if (response.notice) blocks.push(context([`:warning: ${escapeMrkdwn(response.notice)}`]));
  if (response.citations.length) blocks.push(context(citationLines(response.citations)));
  if (response.followUps.length) {
    const label = response.answerable ? 'Related questions' : 'Try one of these';
    blocks.push(section(truncate(`*${label}:*\n${response.followUps.map((q) => `• ${escapeMrkdwn(q)}`).join('\n')}`, LIMITS.sectionText)));
  }
  blocks.push(actions(response, options));
  return message(response.answer, blocks);
}

/** `/iskp sources`: every source in the corpus, one line each, split into sections that fit. */
export function sourcesMessage(sources: Source[]): SlackMessage {
  const lines = sources.map((s) => `• ${reference(s)} \`${escapeMrkdwn(s.id)}\``);
  const heading = `*The ${sources.length} sources I answer from* — the paper, its abstract and the works it cites:`;
  return message(`The ${sources.length} sources I answer from.`, [section(heading), ...packLines(lines, LIMITS.sectionText).map(section)]);
}

export function helpMessage(command: string): SlackMessage {
  const text = [
    '*I answer questions about Tassev (2024), “The Islamic State-Khorasan’s Recent Reorganization and Remaining Threat for Central Asia in 2024”, and the 24 works it cites* — only from those sources, with each claim cited.',
    `• \`${command} <question>\` — ask privately; you can then post the answer to the channel.`,
    `• \`${command} sources\` — list the sources.`,
    '• Mention me in a channel, or message me directly: I answer in the thread, and follow-up questions in the same thread build on the earlier ones.',
  ].join('\n');
  return message('How to ask me about the ISKP briefing.', [section(text)]);
}

/** A one-line status or error message. */
export const notice = (text: string): SlackMessage => message(text, [section(escapeMrkdwn(text))]);

/** The actions block replaced by a thank-you once a vote is recorded, so it cannot be cast twice. */
export function withThanks(blocks: unknown[], vote: 'helpful' | 'not_helpful'): unknown[] {
  const thanks = context([`Thanks for the feedback — marked ${vote === 'helpful' ? '*helpful*' : '*not helpful*'}.`]);
  return blocks.map((b) => ((b as { block_id?: string })?.block_id === ACTIONS_BLOCK ? thanks : b));
}

function actions(response: AskResponse, options: AnswerOptions): Block {
  const value = encodeFeedbackValue({ question: options.question, response });
  const elements: Button[] = [button(ACTION.helpful, ':thumbsup: Helpful', value), button(ACTION.notHelpful, ':thumbsdown: Not helpful', value)];
  if (options.postToChannel) elements.push(button(ACTION.postToChannel, 'Post to channel', encodeQuestionValue(options.question), 'primary'));
  return { type: 'actions', block_id: ACTIONS_BLOCK, elements };
}

const button = (action_id: string, text: string, value: string, style?: Button['style']): Button => ({
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
  const lines = shown.map((c) => {
    const quote = truncate(escapeMrkdwn(oneLine(c.quote)), QUOTE_CHARS);
    return truncate(`*[${c.n}]* ${reference(c)} — “${quote}”`, LIMITS.sectionText);
  });
  if (citations.length > shown.length) lines.push(`…and ${citations.length - shown.length} more sources.`);
  return lines;
}

type Referable = Pick<Source, 'authors' | 'year' | 'title' | 'container' | 'publisher'>;

/** Authors (year). *Title*. Outlet. — escaped, ready for mrkdwn. */
function reference(s: Referable): string {
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

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (texts: string[]): Block => ({ type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn', text })) });
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Lines joined into as few chunks of at most `max` characters as possible; an overlong line is shortened. */
function packLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines.map((l) => truncate(l, max))) {
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** The last guard before sending: at most 50 blocks, and a plain fallback text that cannot mention anyone. */
function message(fallback: string, blocks: Block[]): SlackMessage {
  const fitted = blocks.length > LIMITS.blocks ? [...blocks.slice(0, LIMITS.blocks - 1), context(['…shortened to fit in one Slack message.'])] : blocks;
  return { text: truncate(escapeMrkdwn(fallback), LIMITS.fallbackText), blocks: fitted };
}
