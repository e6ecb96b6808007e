import { beforeAll, describe, expect, it } from 'vitest';
import { replay, splitForStreaming } from '../../../src/core/answer/answerer';
import type { AskResponse } from '../../../src/core/answer/types';
import { loadTestEngine } from '../../helpers/engine';
import { growth, looksLinear, msFor } from '../../helpers/timing';

describe('createAnswerer() (extractive)', () => {
  let engine: Awaited<ReturnType<typeof loadTestEngine>>;
  const ask = (question: string, history?: { role: 'user' | 'assistant'; content: string }[]) => engine.answerer.ask({ question, history });
  beforeAll(async () => {
    engine = await loadTestEngine();
  });

  it('frames an abstract sentence and names the subject a pronoun stood for, quoting the original', async () => {
    const r = await ask("What is ISKP's strategy?");
    expect(r.answer).toBe('According to Tassev (2024), ISKP’s strategy on a regional and international level comprises interlinked media warfare and kinetic action [1].');
    expect(r.citations[0]!.quote).toBe('Its strategy on a regional and international level comprises interlinked media warfare and kinetic action.');
  });

  it('opens a yes/no answer with the verdict its quoted sentence settles, and with none when it does not', async () => {
    expect((await ask('Was ISIS defeated in 2019?')).answer).toMatch(/^Yes\. According to Tassev \(2024\), .*defeated in 2019/);
    const state = await ask('Does the abstract say ISIS still functions as a state?');
    expect(state.answer).toMatch(/^No\. According to Tassev \(2024\), /);
    expect(state.citations.map((c) => c.quote)).toContain('ISIS is not functioning anymore as a state but has autonomous local affiliates around the world.');
    expect((await ask('Was ISIS defeated in 2018?')).answer).toMatch(/^According to Tassev \(2024\), /);
    expect((await ask('Was ISKP defeated in Europe in 2025?')).answerable).toBe(false);
  });

  it('answers a request for a briefing with the briefing, its topic first, never with a title that shares a word', async () => {
    const r = await ask("Brief me on ISKP's reorganization.");
    expect(r.briefing?.topic).toBe("ISKP's reorganization");
    expect(r.answer).toMatch(/^Bottom line: According to Tassev \(2024\), .*(?:restructure|reorganiz)/);
    expect(r.citations[0]!.sourceId).toBe('tassev-2024-abstract');
    const whole = await ask('TL;DR?');
    expect(whole.answer).toBe((await ask('What is this paper about?')).answer);
    expect(whole.briefing?.topic).toBeNull();
    expect((await ask('summarize the following: ISKP is a threat')).answerable).toBe(false);
    expect((await ask("Brief me on ISKP's finances.")).answerable).toBe(false);
  });

  it('answers which references are from a year exactly, citing each', async () => {
    const r = await ask('How many sources were published in 2023?');
    expect(r.answer).toMatch(/^13 of the 24 references are from 2023:/);
    expect(r.citations).toHaveLength(13);
  });

  it('matches an author however the user writes the name', async () => {
    for (const q of ['What did Jadoon write?', 'What did Amira Jadoon write?', 'Works by A. Jadoon?']) {
      const r = await ask(q);
      expect(r.citations.map((c) => c.sourceId).sort(), q).toEqual(['jadoon-2018', 'jadoon-2023', 'sayed-2022']);
    }
  });

  it('tells how to cite the paper, in APA by default and BibTeX on request', async () => {
    expect((await ask('How do I cite the paper?')).answer).toContain('Tassev, I. V. (2024). The Islamic State-Khorasan’s Recent Reorganization');
    expect((await ask('Cite the paper in BibTeX')).answer).toContain('@article{tassev-2024,');
  });

  it('rewrites "what about X" follow-ups into a standalone question', async () => {
    const r = await ask('What about Pakistan?', [{ role: 'user', content: 'Which sources discuss Tajikistan?' }]);
    expect(r.query).toBe('Which sources discuss Pakistan?');
    expect(r.citations.map((c) => c.sourceId)).toContain('palmer-2023');
  });

  it('names the group a follow-up pronoun refers to', async () => {
    const r = await ask('Why did it have to restructure?', [{ role: 'user', content: "What is ISKP's strategy?" }]);
    expect(r.query).toBe('Why did ISKP have to restructure?');
    expect(r.answer).toContain('military and political pressures');
  });

  it('answers a follow-up it cannot resolve on its own words first, not on the earlier question’s', async () => {
    const r = await ask('And how does it relate to the fight against terrorism?', [{ role: 'user', content: 'What is the main research question?' }]);
    expect(r.query).toContain('(following up on: What is the main research question?)');
    expect(r.answer).toMatch(/^According to Tassev \(2024\), this is also related to the implications of borders/);
    expect(r.answer).not.toContain('main research question');
  });

  it('settles a yes/no question about what a cited work says by its headline, less the words that name the work', async () => {
    expect((await ask('Does the CFR piece say the Islamic State still poses an extremism threat?')).answer).toMatch(/^Yes\. .*Robinson \(2023\)/);
    // The headline says the blast killed several, so it cannot confirm a claim about a rally.
    expect((await ask('Did the CBS report say the blast killed people at a rally?')).answer).not.toMatch(/^(Yes|No)\./);
    // Asked of the abstract, a headline does not answer for it.
    expect((await ask('Does the abstract say ISKP has been defeated?')).answer).not.toMatch(/^Yes\./);
  });

  it('reads "And is it…?" as a question of its own, not a name to swap into the earlier one', async () => {
    const r = await ask('And is it still a danger?', [{ role: 'user', content: "What does the paper say about ISKP's strategy?" }]);
    expect(r.query).toBe('And is ISKP still a danger?');
    expect(r.answer).toMatch(/^Yes\. /);
  });

  it('keeps the earlier question’s own words around a name a follow-up swaps in', async () => {
    const r = await ask('And in Afghanistan?', [{ role: 'user', content: 'Is there a source on the Islamic State threat in Pakistan specifically?' }]);
    expect(r.query).toBe('Is there a source on the Islamic State threat in Afghanistan specifically?');
  });

  it('answers a question of the paper and its verb alone: the verb is what is asked, the overview when it only reports', async () => {
    expect((await ask('What does the paper recommend?')).answer).toContain('future recommendations');
    expect((await ask('What does the paper argue?')).briefing).toBeDefined();
    expect((await ask("What are the paper's limitations?")).answerable).toBe(false);
  });

  it('reads "carry out" as the verb that only says an attack was done, as "take place" is', async () => {
    expect((await ask('What attacks has ISKP carried out?')).answer).toContain('kinetic action');
    expect((await ask('Has ISK carried out attacks in Russia?')).answerable).toBe(false);
  });

  it('abstains, with no citations, when passages share the topic but not the answer', async () => {
    // "Limitations" and "paper" only frame: a passage in their category ("rule", "report") is no evidence of limitations.
    // "Does the abstract name any leaders?" asks for names as "who leads" does: a passage that names none does not answer it.
    for (const q of ['Who currently leads ISKP?', 'How many people died in the January 3 attack in Iran?', 'What is the weather in Paris?', "What are the paper's limitations?", 'Does the abstract name any Taliban leaders?']) {
      const r = await ask(q);
      expect(r.answerable, q).toBe(false);
      expect(r.citations, q).toEqual([]);
      expect(r.followUps.length, q).toBeGreaterThanOrEqual(2);
    }
  });

  it('streams deltas that add up to the final answer', async () => {
    const events = [];
    for await (const e of engine.answerer.stream({ question: 'Which references are from 2022?' })) events.push(e);
    const end = events.at(-1)!;
    if (end.type !== 'end') throw new Error('no end event');
    expect(events.slice(0, -1).map((e) => (e.type === 'delta' ? e.text : '')).join('')).toBe(end.response.answer);
  });
});

describe('replay', () => {
  it('takes linear time splitting an answer whose stops run into the next word', () => {
    for (const answer of [`${'a'.repeat(4000)}.x`, `${'.'.repeat(4000)}x`, `${'a'.repeat(2000)}${'?!'.repeat(1000)}x`]) {
      const response = { answer } as AskResponse;
      expect(msFor(() => [...replay(response)]), JSON.stringify(answer.slice(-4))).toBeLessThan(100);
    }
  });
});

describe('splitForStreaming', () => {
  it('cuts after a sentence’s stops and the space after them, or at a line break, and joins back into the text exactly', () => {
    const text = 'The U.S. forces left in 2021 [1]. About 3.5 million fled… Why?! Yes.\nA line\nand the rest';
    const pieces = splitForStreaming(text);
    // "U.S. " reads as a sentence's end: a piece too many is harmless, a piece lost is not.
    expect(pieces).toEqual(['The U.S. ', 'forces left in 2021 [1]. ', 'About 3.5 million fled… Why?! ', 'Yes.\n', 'A line\n', 'and the rest']);
    expect(pieces.join('')).toBe(text);
  });

  it('keeps every character of text whose stops run into the next word, however many', () => {
    for (const text of ['a.b.c.d', '...x', 'end.', `${'a.'.repeat(5000)}b`]) expect(splitForStreaming(text).join('')).toBe(text);
  });

  it('takes linear time on long runs of stops', () => {
    const grown = growth((n) => msFor(() => splitForStreaming(`${'.!?'.repeat(n)}x ${'a.'.repeat(n)}`), 5), 5_000);
    expect(looksLinear(grown), `${grown.ratio.toFixed(1)}x for 4x the text`).toBe(true);
  });
});
