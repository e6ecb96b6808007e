import { describe, expect, it } from 'vitest';
import type { AskResponse } from '../../../../src/core/answer/types';
import { citationLine } from '../../../../src/server/channels/slack/blocks';
import { homeView } from '../../../../src/server/channels/slack/home-view';
import { streamedAnswerBlocks } from '../../../../src/server/channels/slack/stream-blocks';
import { blockViolations, slackViolations } from '../../../helpers/slack-stand-in';
import { fixtureBriefing, fixtureCitation } from './harness';

const citation = fixtureCitation;
const response = (extra: Partial<AskResponse> = {}): AskResponse => ({ answer: 'An answer [1].', answerable: true, citations: [citation(1)], mode: 'llm', followUps: [], query: 'q', ...extra });
type Blocks = { type: string; elements?: { text?: string; positive_button?: { value: string; text: { text: string } } }[]; text?: { text: string } }[];

describe('the blocks under a streamed answer', () => {
  it('gives each cited source its own context block: the linked marker, the reference and the whole quote', () => {
    const long = `${'A sentence the source says. '.repeat(200)}The end.`;
    const blocks = streamedAnswerBlocks(response({ citations: [citation(1), citation(2, { quote: long })] }), { question: 'q' }) as Blocks;
    expect(blocks.map((b) => b.type)).toEqual(['context', 'context', 'context_actions']);
    expect(blocks[0]!.elements!.map((e) => e.text)).toEqual(['*<https://bot.example.org/sources/src-1?q=Quote%201.#quote|[1]>* Doe, J. (2023). _Title 1._ Outlet. — “Quote 1.”']);
    const quoted = blocks[1]!.elements!.map((e) => e.text!);
    expect(quoted.length).toBeGreaterThan(1);
    expect(quoted.join(' ')).toBe(citationLine(citation(2, { quote: long })));
    expect(blockViolations(blocks)).toEqual([]);
  });

  it('keeps within 50 blocks, counting the sources it cannot show', () => {
    const citations = Array.from({ length: 80 }, (_, i) => citation(i + 1));
    const blocks = streamedAnswerBlocks(response({ citations, notice: 'The model was unavailable.', followUps: ['What is ISKP?'] }), { question: 'q' }) as Blocks;
    expect(blocks).toHaveLength(50);
    expect(blocks[0]!.elements![0]!.text).toBe(':warning: The model was unavailable.');
    expect(blocks.at(-3)!.elements![0]!.text).toBe('…and 34 more sources.');
    expect(blocks.at(-2)!.text!.text).toBe('*Related questions:*\n• What is ISKP?');
    expect(blocks.at(-1)!.type).toBe('context_actions');
    expect(blockViolations(blocks)).toEqual([]);
  });

  it('offers the questions to try after declining, then the feedback buttons', () => {
    const blocks = streamedAnswerBlocks(response({ answerable: false, citations: [], followUps: ['What is ISKP?'] }), { question: 'q' }) as Blocks;
    expect(blocks.map((b) => b.type)).toEqual(['section', 'context_actions']);
    expect(blocks[0]!.text!.text).toContain('*Try one of these:*');
  });

  it('fits each feedback button’s value in Slack’s 2,000 characters, however long the answer and the question', () => {
    const blocks = streamedAnswerBlocks(response({ answer: '“Quoted” \\ text [1]. '.repeat(500) }), { question: 'Why? '.repeat(200) }) as Blocks;
    const buttons = blocks.at(-1)!.elements![0]!;
    for (const half of [buttons.positive_button!, (buttons as unknown as { negative_button: { value: string } }).negative_button]) {
      expect(half.value.length).toBeLessThanOrEqual(2000);
      expect(JSON.parse(half.value).a).toMatch(/…$/);
    }
    expect(blockViolations(blocks)).toEqual([]);
  });
});

describe('the Home tab view', () => {
  const prompts = [
    { title: 'Brief me on the paper', message: 'Brief me on the paper' },
    { title: 'Q'.repeat(200), message: 'Q'.repeat(200) },
  ];

  it('passes Slack’s rules for a Home tab, button labels cut to 75 characters', () => {
    const view = homeView({ briefing: fixtureBriefing(), prompts, command: '/iskp' });
    expect(slackViolations('views.publish', { user_id: 'U1', view })).toEqual([]);
    const labels = (view.blocks as Blocks).flatMap((b) => b.elements ?? []).map((e) => (e as unknown as { text: { text: string } }).text.text);
    expect(labels.every((l) => l.length <= 75)).toBe(true);
  });

  it('carries a fingerprint of its blocks: the same for the same content, another for other content', () => {
    const a = homeView({ briefing: fixtureBriefing(), prompts, command: '/iskp' });
    expect(homeView({ briefing: fixtureBriefing(), prompts, command: '/iskp' }).private_metadata).toBe(a.private_metadata);
    expect(homeView({ briefing: fixtureBriefing(), prompts, command: '/ask' }).private_metadata).not.toBe(a.private_metadata);
    expect(homeView({ prompts, command: '/iskp' }).private_metadata).not.toBe(a.private_metadata);
  });

  it('leaves the briefing out when it is not there or declined', () => {
    expect(JSON.stringify(homeView({ prompts: [], command: '/iskp' }))).not.toContain('Bottom line');
    expect(JSON.stringify(homeView({ briefing: { ...fixtureBriefing(), answerable: false }, prompts: [], command: '/iskp' }))).not.toContain('Bottom line');
  });
});
