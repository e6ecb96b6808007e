import type { HomeView } from '@slack/types';
import type { Briefing } from '../../../core/brief/types';
import { ACTION, button, helpLines, LIMITS, oneLine, section, type Block } from './blocks';
import { encodeQuestionValue, encodeTopicValue } from './feedback';
import { escapeMrkdwn, markdownToMrkdwn } from './mrkdwn';
import type { Prompt } from './prompts';
import { packLines } from './split-text';
import { contentHash } from '../../content-hash';

export interface HomeContent {
  /** The standing briefing on the whole paper; absent when it could not be made. */
  briefing?: Briefing;
  prompts: Prompt[];
  /** The slash command's name (SLACK_COMMAND). */
  command: string;
}

/**
 * The Home tab: what the bot covers; the standing briefing's bottom line and section headings, with
 * a button that sends the whole briefing; the suggested prompts as buttons; how to use the slash
 * command. The same for everyone, so it is built once per index; `private_metadata` carries a
 * fingerprint of its blocks, so a Home tab already showing this view is not published again.
 */
export function homeView({ briefing, prompts, command }: HomeContent): HomeView {
  const { covers, ways } = helpLines(command);
  const blocks: Block[] = [header('What I cover'), section(covers)];
  if (briefing?.answerable) {
    blocks.push(
      { type: 'divider' },
      header('The standing briefing'),
      ...sections([`*${escapeMrkdwn(oneLine(briefing.title))}*`, `*Bottom line:* ${mrkdwn(briefing.bottomLine.text)}`]),
      ...sections(['*Its sections:*', ...briefing.sections.map((s) => `• ${escapeMrkdwn(oneLine(s.heading))}`)]),
      { type: 'actions', block_id: 'home_briefing', elements: [button(ACTION.homeBriefing, 'Send me the full briefing', encodeTopicValue(null), 'primary')] },
    );
  }
  if (prompts.length) {
    const buttons = prompts.map((p, i) => button(`${ACTION.homePrompt}_${i}`, p.title, encodeQuestionValue(p.message)));
    blocks.push({ type: 'divider' }, header('Try asking'), section('Pick one and I answer it in our direct messages.'), { type: 'actions', block_id: 'home_prompts', elements: buttons });
  }
  blocks.push({ type: 'divider' }, header(`The ${command} command, mentions and messages`), ...sections(ways));
  const fitted = blocks.slice(0, LIMITS.viewBlocks);
  return { type: 'home', blocks: fitted, private_metadata: `home:${fingerprint(fitted)}` };
}

const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text: text.slice(0, LIMITS.headerText) } });
const mrkdwn = (text: string) => markdownToMrkdwn(escapeMrkdwn(oneLine(text)));
const sections = (lines: string[]) => packLines(lines, LIMITS.sectionText).map(section);

/** 32 bits of the blocks' content hash, in hex: enough to tell one version of the view from another. */
const fingerprint = (blocks: readonly Block[]) => contentHash(JSON.stringify(blocks)).slice(0, 8);
