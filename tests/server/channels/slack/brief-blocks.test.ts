import { describe, expect, it } from 'vitest';
import type { Citation } from '../../../../src/core/answer/types';
import type { Briefing, BriefText } from '../../../../src/core/brief/types';
import type { Source } from '../../../../src/core/corpus/types';
import type { Block, SlackMessage } from '../../../../src/server/channels/slack/blocks';
import { LIMITS } from '../../../../src/server/channels/slack/blocks';
import { briefingMessages } from '../../../../src/server/channels/slack/brief-blocks';
import { escapeMrkdwn } from '../../../../src/server/channels/slack/mrkdwn';
import { blockText, declinedBriefing, fixtureBriefing } from './harness';

/** Every text field of a message, in order: section and header texts, context elements. */
const fields = (message: SlackMessage): string[] =>
  message.blocks.flatMap((b) => (b.type === 'context' ? b.elements.map((e) => ('text' in e ? e.text : '')) : b.type === 'section' || b.type === 'header' ? [b.text?.text ?? ''] : []));
const squeeze = (s: string) => s.replace(/\s+/g, '');

const jadoon: Source = {
  id: 'jadoon-2023',
  kind: 'reference',
  title: 'Islamic State Khorasan’s Evolving Threat',
  authors: ['Jadoon, A.', 'Mines, A.', 'Sayed, A.'],
  editors: [],
  year: 2023,
  container: 'CTC Sentinel',
  volume: null,
  issue: null,
  pages: null,
  publisher: null,
  text: '',
};

describe('briefingMessages: the fixture briefing', () => {
  const briefing = fixtureBriefing();
  const [message, ...more] = briefingMessages(briefing, { sources: [jadoon] });

  it('fits one message: the title as header, the bottom line, a section per briefing section, Read next, the sources', () => {
    expect(more).toEqual([]);
    expect(message!.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'section', 'section', 'section', 'section', ...Array(7).fill('context')]);
    expect(message!.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: briefing.title } });
    const [, bottom, background, threat, , literature, readNext, sources] = fields(message!);
    expect(bottom).toBe(`*Bottom line:* ${briefing.bottomLine.text}`);
    expect(background).toBe('*Background*\n• ISIS was defeated in 2019, but some branches of the organization are still active in various parts of the world [3].');
    expect(threat).toBe("*Threat and methods*\n• ISK's strategy on a regional and international level comprises interlinked media warfare and kinetic action [4].");
    expect(literature!.split('\n')).toEqual([
      '*The cited literature*',
      '• Pakistan: Palmer &amp; Holtz (2023), “The Islamic State Threat in Pakistan: Trends and Scenarios” [6].',
      '• The global network: Hamming (2023), “The General Directorate of Provinces: Managing the Islamic State’s Global Network” [7].',
    ]);
    expect(readNext).toMatch(/^\*Read next\*\n• Palmer/);
    expect(sources).toBe('*Sources*');
  });

  it('names each work to read next from its citation or, when none cites it, from the sources', () => {
    const text = blockText(message!);
    expect(text).toContain('*Read next*\n• Palmer, A. &amp; Holtz, M. (2023). _The Islamic State Threat in Pakistan: Trends and Scenarios._ Center for Strategic and International Studies (CSIS). — A think-tank report (CSIS, 2023) on Pakistan.');
    expect(text).toContain('• Jadoon, A., Mines, A. &amp; Sayed, A. (2023). _Islamic State Khorasan’s Evolving Threat._ CTC Sentinel. — A journal article (CTC Sentinel, 2023) on Afghanistan and the Taliban.');
    // Without the sources, an uncited work is still named, by its id.
    expect(blockText(briefingMessages(briefing)[0]!)).toContain('• `jadoon-2023` — A journal article');
  });

  it('lists every cited source with its whole quote, numbered as the markers', () => {
    const contexts = message!.blocks.filter((b) => b.type === 'context').map((b) => (b as { elements: { text: string }[] }).elements.map((e) => e.text).join(''));
    expect(contexts).toHaveLength(briefing.citations.length);
    expect(contexts[0]).toBe('*[1]* Tassev, I. V. (2024). _The Islamic State-Khorasan’s Recent Reorganization and Remaining Threat for Central Asia in 2024._ — “Although it is now reorganizing, it still presents a danger in Central Asia.”');
    expect(contexts[6]).toMatch(/^\*\[7\]\* Hamming, T\. \(2023\)\. .* CTC Sentinel\. — “The General Directorate/);
  });

  it('uses the title and bottom line as the notification text', () => {
    expect(message!.text).toBe(`${briefing.title}\n${briefing.bottomLine.text}`);
  });

  it('puts the given blocks first and last, and says what degraded', () => {
    const before: Block = { type: 'section', text: { type: 'mrkdwn', text: '<@U7> asked: _brief_' } };
    const after: Block = { type: 'actions', block_id: 'iskp_actions', elements: [] };
    const [withBoth] = briefingMessages({ ...briefing, notice: 'The model failed the Threat section; it is extractive.' }, { before, after });
    expect(withBoth!.blocks[0]).toBe(before);
    expect(withBoth!.blocks[1]!.type).toBe('header');
    expect(withBoth!.blocks.at(-1)).toBe(after);
    expect(withBoth!.blocks[3]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: ':warning: The model failed the Threat section; it is extractive.' }] });
  });

  it('escapes what it did not write, so nobody is pinged', () => {
    const hostile = fixtureBriefing();
    hostile.title = 'Briefing: <!channel> & <@U1>';
    hostile.sections[0]!.heading = 'Back <!here>';
    hostile.sections[0]!.points[0]!.text = 'Ask <@U123> & <!everyone> [3].';
    hostile.readNext[0]!.why = '<!channel>';
    hostile.citations[0]!.quote = 'Quote <!channel>.';
    const rendered = JSON.stringify(briefingMessages(hostile));
    expect(rendered).not.toMatch(/<[@!#]/);
    expect(rendered).toContain('Ask &lt;@U123&gt; &amp; &lt;!everyone&gt; [3].');
  });
});

describe('briefingMessages: a declined topic', () => {
  it('reads as a declined answer: the reason, then questions to try instead', () => {
    const declined = declinedBriefing();
    const after: Block = { type: 'actions', block_id: 'iskp_actions', elements: [] };
    const messages = briefingMessages(declined, { after });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.blocks.map((b) => b.type)).toEqual(['section', 'section', 'actions']);
    expect(fields(messages[0]!)).toEqual([declined.bottomLine.text, '*Try one of these:*\n• What is ISKP?\n• Which references are from 2023?']);
    expect(messages[0]!.text).toBe(declined.bottomLine.text);
  });
});

describe('briefingMessages: a briefing far past Slack’s limits', () => {
  // Sentences with unique words, so a sentence cut in two would not be found whole anywhere.
  let next = 0;
  const sentence = (words: number) => {
    const k = next++;
    const body = Array.from({ length: words }, (_, j) => (j % 9 === 4 ? 'R&D <b>' : `w${k}x${j}`)).join(' ');
    return `S${k} ${body} [${(k % 60) + 1}].`;
  };
  const sentences = (n: number, words: number) => Array.from({ length: n }, () => sentence(words));
  const normal: string[] = [];
  const point = (i: number): BriefText => {
    // A sentence of 6,000 characters with no full stop: it can only be cut between words.
    if (i % 17 === 5) return { text: `Giant ${Array.from({ length: 700 }, (_, j) => `g${i}y${j}`).join(' ')} [1].`, citations: [1] };
    // One "word" longer than a whole field: the last resort, cut anywhere but inside an entity.
    if (i === 33) return { text: `See https://example.org/${'a&b'.repeat(1200)} [2].`, citations: [2] };
    const s = sentences(1 + (i % 6), i % 4 === 0 ? 80 : 20);
    normal.push(...s);
    return { text: s.join(' '), citations: [1] };
  };
  const citation = (n: number): Citation => {
    const quote = sentences(n % 5 === 0 ? 40 : 3, 25);
    normal.push(...quote);
    return { n, sourceId: `src-${n}`, kind: 'reference', title: `Title ${n} & more`, authors: ['Doe, J.', 'Roe, R.'], year: 2020, container: 'Journal', publisher: null, quote: quote.join(' '), url: `/sources/src-${n}` };
  };
  const bottom = sentences(30, 30);
  normal.push(...bottom);
  const huge: Briefing = {
    title: `Briefing: ${'a very long topic & more '.repeat(12)}`.trim(),
    topic: 'a very long topic',
    bottomLine: { text: bottom.join(' '), citations: [1] },
    sections: (['background', 'situation', 'threat', 'recommendations', 'literature'] as const).map((id, s) => ({
      id,
      heading: `Heading ${s} & co`,
      points: Array.from({ length: 30 }, (_, i) => point(s * 30 + i)),
    })),
    readNext: Array.from({ length: 25 }, (_, i) => ({ sourceId: `src-${i + 1}`, why: sentences(2, 40).join(' ') })),
    citations: Array.from({ length: 60 }, (_, i) => citation(i + 1)),
    mode: 'llm',
    answerable: true,
    notice: 'The model failed a section.',
    generatedAt: '2026-12-07T20:00:00.000Z',
  };
  const after: Block = { type: 'actions', block_id: 'iskp_actions', elements: [] };
  const messages = briefingMessages(huge, { after });
  const allFields = messages.flatMap(fields);

  it('spreads over several messages, each within Slack’s limits', () => {
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
      expect(JSON.stringify(m.blocks).length).toBeLessThanOrEqual(12_000);
      expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
      for (const b of m.blocks) if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
      for (const f of fields(m)) expect(f.length).toBeLessThanOrEqual(LIMITS.sectionText);
    }
  });

  it('opens with the header, cut to 150 characters between words, the whole title below it', () => {
    const [first, ...rest] = messages;
    const header = first!.blocks[0] as { type: string; text: { text: string } };
    expect(header.type).toBe('header');
    expect(header.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    expect(header.text.text).toMatch(/ (?:more|&amp;|a|very|long|topic)…$/);
    expect(fields(first!)[1]).toBe(`*${escapeMrkdwn(huge.title)}*`);
    for (const m of rest) expect(m.blocks.some((b) => b.type === 'header')).toBe(false);
    expect(messages.at(-1)!.blocks.at(-1)).toBe(after);
    expect(messages.at(-1)!.blocks.length).toBeGreaterThan(1); // never the buttons on their own
  });

  it('loses nothing, and keeps the order', () => {
    const joined = squeeze(allFields.join(' '));
    const expected = [
      huge.title,
      ...bottom,
      huge.notice!,
      ...huge.sections.flatMap((s) => [s.heading, ...s.points.map((p) => p.text)]),
      ...huge.readNext.map((r) => r.why),
      ...huge.citations.flatMap((c) => [c.title, c.quote]),
    ].map((t) => squeeze(escapeMrkdwn(t)));
    let at = 0;
    for (const fragment of expected) {
      const found = joined.indexOf(fragment, at);
      expect(found, fragment.slice(0, 60)).toBeGreaterThanOrEqual(0);
      at = found + fragment.length;
    }
  });

  it('never cuts a sentence that fits in a field; a longer one only between words', () => {
    // Each sentence opens with its own word ("S12"): the field holding that word must hold the whole sentence.
    const fieldOf = new Map(allFields.flatMap((f) => [...f.matchAll(/\bS\d+ /g)].map((m) => [m[0], f] as const)));
    expect(normal.length).toBeGreaterThan(1000);
    expect(normal.filter((s) => !fieldOf.get(s.slice(0, s.indexOf(' ') + 1))?.includes(escapeMrkdwn(s)))).toEqual([]);
    const giantWords = new Set(huge.sections.flatMap((s) => s.points).filter((p) => p.text.startsWith('Giant')).flatMap((p) => p.text.split(' ')));
    const cutWords = allFields.flatMap((f) => f.split(/\s+/)).filter((w) => /^g\d+y/.test(w) && !giantWords.has(w));
    expect(cutWords).toEqual([]);
  });

  it('never leaves half an entity at a cut', () => {
    for (const f of allFields) {
      expect(f).not.toMatch(/&[a-z]{0,3}$/);
      expect(f).not.toMatch(/^[a-z]{1,3};/);
    }
  });

  it('never ends a message on a heading cut off from what it heads', () => {
    for (const m of messages) {
      const last = m.blocks.at(-1)!;
      if (last.type === 'section') expect(last.text?.text).not.toMatch(/^\*[^*\n]+\*$/);
    }
  });
});
