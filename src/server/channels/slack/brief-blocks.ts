import type { Briefing, BriefText } from '../../../core/brief/types';
import type { Source } from '../../../core/corpus/types';
import { citationLine, context, followUpsBlock, LIMITS, message, oneLine, reference, section, type Block, type SlackMessage } from './blocks';
import { escapeMrkdwn, markdownToMrkdwn } from './mrkdwn';
import { packLines, splitText } from './split-text';

// Slack refuses a message whose blocks add up to about 13,000 characters (`msg_blocks_too_long`,
// slackapi/bolt-js#2509) though no single documented limit is reached; each message stays under this.
const MESSAGE_CHARS = 12_000;

export interface BriefingMessageOptions {
  /** The corpus's sources, to name the works in "Read next" that no citation names. */
  sources?: readonly Source[];
  /** Shown first, above the title (who asked, on a briefing re-posted to a channel). */
  before?: Block;
  /** Shown last, after the sources (the feedback and share buttons). */
  after?: Block;
}

/** Blocks that must stay in one message: a heading and what follows it. */
type Unit = Block[];

/**
 * A briefing as Slack messages to post in order (in one thread): a header with the title, the
 * bottom line, a section per briefing section (bold heading, bulleted points with their `[n]`
 * markers), Read next, then each cited source with its quote. Every text fits its field and
 * every message fits Slack's limits; what does not fit goes on in the next message, cut between
 * points or sentences (between words only for a sentence longer than a whole field), never
 * shortened. A declined topic is one message: the reason and questions to try instead.
 */
export function briefingMessages(briefing: Briefing, options: BriefingMessageOptions = {}): SlackMessage[] {
  const { before, after } = options;
  const units = briefing.answerable ? briefingUnits(briefing, options.sources ?? []) : declinedUnits(briefing);
  if (before) units.unshift([before]);
  // Buttons alone in a last message would read as a reply of their own: they go with the last part.
  if (after) units.push([...(units.pop() ?? []), after]);
  const pages = paginate(units);
  // The fallback is the notification, and what a follow-up in the thread reads as the bot's turn.
  const first = briefing.answerable ? `${briefing.title}\n${briefing.bottomLine.text}` : briefing.bottomLine.text;
  return pages.map((blocks, i) => message(i === 0 ? first : `${briefing.title} (continued)`, blocks));
}

function briefingUnits(briefing: Briefing, sources: readonly Source[]): Unit[] {
  const units = [...titleUnits(briefing.title), ...bottomLineUnits(briefing)];
  for (const s of briefing.sections) units.push(...linesUnits(`*${escapeMrkdwn(oneLine(s.heading))}*`, s.points.map(bullet)));
  if (briefing.readNext.length) units.push(...linesUnits('*Read next*', readNextLines(briefing, sources)));
  if (briefing.citations.length) units.push(...sourceUnits(briefing));
  return units;
}

/** As a declined answer reads: why, in the answerer's words (its line breaks kept), and questions to try instead. */
function declinedUnits(briefing: Briefing): Unit[] {
  const units = sectionsOf(markdownToMrkdwn(escapeMrkdwn(briefing.bottomLine.text)).split('\n')).map((b) => [b]);
  if (briefing.followUps?.length) units.push([followUpsBlock(briefing.followUps, false)]);
  return units;
}

/** The header holds 150 characters: a longer title is cut there between words, and given whole in bold below it. */
function titleUnits(title: string): Unit[] {
  const escaped = escapeMrkdwn(oneLine(title));
  if (escaped.length <= LIMITS.headerText) return [[header(escaped)]];
  const cut = splitText(escaped, LIMITS.headerText - 1)[0]!;
  return [[header(`${cut}…`), ...sectionsOf([`*${escaped}*`])]];
}

function bottomLineUnits(briefing: Briefing): Unit[] {
  const units = sectionsOf([`*Bottom line:* ${mrkdwn(briefing.bottomLine.text)}`]).map((b) => [b]);
  if (briefing.notice) units.push(...splitText(`:warning: ${escapeMrkdwn(oneLine(briefing.notice))}`, LIMITS.sectionText).map((t) => [context([t])]));
  return units;
}

/** A heading and its lines as sections that fit; the heading is kept with the first of them. */
function linesUnits(heading: string, lines: string[]): Unit[] {
  const [first, ...rest] = sectionsOf([heading, ...lines]);
  return [[first!], ...rest.map((b) => [b])];
}

function readNextLines(briefing: Briefing, sources: readonly Source[]): string[] {
  return briefing.readNext.map(({ sourceId, why }) => {
    const work = briefing.citations.find((c) => c.sourceId === sourceId) ?? sources.find((s) => s.id === sourceId);
    const named = work ? reference(work) : `\`${escapeMrkdwn(sourceId)}\``;
    return `• ${named} — ${escapeMrkdwn(oneLine(why))}`;
  });
}

/** "Sources", then a context block per cited source with its whole quote (several when it is long). */
function sourceUnits(briefing: Briefing): Unit[] {
  const blocks = briefing.citations.flatMap((c) => splitText(citationLine(c), LIMITS.sectionText).map((t) => context([t])));
  const [first, ...rest] = blocks;
  return [[section('*Sources*'), first!], ...rest.map((b) => [b])];
}

/** Units into as few messages as hold them, each within the block count and the size Slack accepts. */
function paginate(units: Unit[]): Block[][] {
  const pages: Block[][] = [];
  let page: Block[] = [];
  let chars = 0;
  for (const unit of units) {
    const size = unit.reduce((n, b) => n + JSON.stringify(b).length + 1, 0);
    if (page.length && (page.length + unit.length > LIMITS.blocks || chars + size > MESSAGE_CHARS)) {
      pages.push(page);
      page = [];
      chars = 0;
    }
    page.push(...unit);
    chars += size;
  }
  if (page.length) pages.push(page);
  return pages;
}

const bullet = (point: BriefText) => `• ${mrkdwn(point.text)}`;
/** Model or corpus text as mrkdwn: escaped, Markdown bold and lists in Slack's dialect, on one line. */
const mrkdwn = (text: string) => markdownToMrkdwn(escapeMrkdwn(oneLine(text)));
const sectionsOf = (lines: string[]) => packLines(lines, LIMITS.sectionText).map(section);
const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text } });
