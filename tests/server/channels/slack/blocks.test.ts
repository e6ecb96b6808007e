import { describe, expect, it } from 'vitest';
import type { AskResponse } from '../../../../src/core/answer/types';
import { answerMessage, LIMITS, sourcesMessage } from '../../../../src/server/channels/slack/blocks';
import type { Source } from '../../../../src/core/corpus/types';
import { blockText, fixtureCitation } from './harness';

const citation = fixtureCitation;
const response = (extra: Partial<AskResponse> = {}): AskResponse => ({ answer: 'An answer [1].', answerable: true, citations: [citation(1)], mode: 'extractive', followUps: [], query: 'q', ...extra });
const texts = (blocks: unknown[]) => JSON.stringify(blocks).match(/"text":"(?:[^"\\]|\\.)*"/g)!.map((m) => JSON.parse(m.slice(7)) as string);

describe('Slack answer blocks', () => {
  it('shows the answer, then the cited sources with their quotes, then feedback buttons', () => {
    const message = answerMessage(response({ citations: [citation(1, { authors: ['Sayed, A.', 'Hamming, T. R.'], year: null, title: 'Why?', container: 'CTC Sentinel' })] }), { question: 'q' });
    expect(message.blocks.map((b) => b.type)).toEqual(['section', 'context', 'actions']);
    expect(blockText(message)).toContain('*<https://bot.example.org/sources/src-1?q=Quote%201.#quote|[1]>* Sayed, A. & Hamming, T. R. (n.d.). _Why?_ CTC Sentinel. — “Quote 1.”'.replace('&', '&amp;'));
    expect(message.text).toBe('An answer [1].');
  });

  it('links a source to its page only when the link is absolute (PUBLIC_URL set): a relative one means nothing in Slack', () => {
    const message = answerMessage(response({ citations: [citation(1, { url: '/sources/src-1?q=Quote%201.#quote' })] }), { question: 'q' });
    expect(blockText(message)).toContain('*[1]* Doe, J.');
  });

  it('on an abstention, offers the suggested questions', () => {
    const message = answerMessage(response({ answerable: false, citations: [], answer: 'The sources don’t say. They cover ISKP.', followUps: ['What is ISKP?', 'Which references are from 2023?'] }), { question: 'q' });
    expect(message.blocks.map((b) => b.type)).toEqual(['section', 'section', 'actions']);
    expect(blockText(message)).toContain('*Try one of these:*\n• What is ISKP?\n• Which references are from 2023?');
  });

  it('shortens a long answer to one 3,000-character section with an ellipsis, never splitting an entity', () => {
    const answer = `${'a'.repeat(2996)} & more`; // escaped, the cut falls inside &amp;
    const message = answerMessage(response({ answer }), { question: 'q' });
    const section = texts(message.blocks)[0]!;
    expect(section.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(section).toMatch(/a…$/);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('lists at most ten sources in the context block, the tenth saying how many more', () => {
    const citations = Array.from({ length: 14 }, (_, i) => citation(i + 1, { quote: 'q'.repeat(5000) }));
    const message = answerMessage(response({ citations }), { question: 'q' });
    const context = message.blocks.find((b) => b.type === 'context') as { elements: { text: string }[] };
    expect(context.elements).toHaveLength(LIMITS.contextElements);
    expect(context.elements.at(-1)!.text).toBe('…and 5 more sources.');
    for (const e of context.elements) expect(e.text.length).toBeLessThan(600);
  });

  it('splits a long source list into sections that fit, and never exceeds 50 blocks', () => {
    const source = (i: number): Source => ({ id: `s-${i}`, kind: 'reference', title: 'T'.repeat(200), authors: ['A, B.'], editors: [], year: 2020, container: null, volume: null, issue: null, pages: null, publisher: 'P', text: '' });
    const message = sourcesMessage(Array.from({ length: 1000 }, (_, i) => source(i)));
    expect(message.blocks.length).toBe(LIMITS.blocks);
    for (const t of texts(message.blocks)) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(texts(message.blocks).at(-1)).toMatch(/shortened/);
  });

  it('names who asked an answer re-posted to the channel, and only a well-formed user id', () => {
    expect(blockText(answerMessage(response(), { question: 'Who <b>?', askedBy: 'U123' }))).toContain('<@U123> asked: _Who &lt;b&gt;?_');
    expect(blockText(answerMessage(response(), { question: 'x', askedBy: 'U1> <!channel' }))).not.toContain('asked');
  });
});
