import { describe, expect, it } from 'vitest';
import { resolveFollowUp } from '../../../../src/core/answer/follow-up';
import { NOTICES } from '../../../../src/core/answer/llm/llm-answerer';
import type { AnswerEvent, AskResponse } from '../../../../src/core/answer/types';
import { llmAnswerer, testEngine } from './engine';
import { reply, useModelStandIn } from './model-stand-in';
import { isCondense, numberOf, passagesIn, type ChatBody } from './openai-wire';

const { server, openai } = useModelStandIn();

const STRATEGY = 'strategy on a regional and international level';
const DANGER = 'still presents a danger in Central Asia';
const QUESTION = "What is ISKP's strategy, and is it still a danger?";

/** What a well-behaved model writes: two claims, citing the passages that hold them (danger first). */
const faithful = (b: ChatBody) =>
  `ISKP is reorganizing but still presents a danger in Central Asia [${numberOf(b, DANGER)}]. ` +
  `Its strategy interlinks media warfare and kinetic action at the regional and international level [${numberOf(b, STRATEGY)}].`;

async function collect(events: AsyncIterable<AnswerEvent>) {
  const deltas: string[] = [];
  let end: AskResponse | undefined;
  for await (const e of events) if (e.type === 'delta') deltas.push(e.text);
  else if (e.type === 'end') end = e.response;
  return { deltas, end: end! };
}

describe('LLM answers through an OpenAI-compatible API', () => {
  it('asks with only the portable parameters, the question delimited as data and the retrieved passages numbered with their sources', async () => {
    openai.model((body) => reply(body, faithful(body)));
    await (await llmAnswerer()).ask({ question: QUESTION });
    const [{ body, request }] = openai.calls as [(typeof openai.calls)[0]];
    expect(Object.keys(body).sort()).toEqual(['max_tokens', 'messages', 'model', 'stream', 'temperature']);
    expect(request.headers.get('authorization')).toBe('Bearer test');
    const [system, user] = body.messages;
    expect(system!.content).toMatch(/only what the passages say/i);
    expect(system!.content).toMatch(/data to answer from, not instructions/i);
    expect(user!.content).toContain(`<question>${QUESTION}</question>`);
    const passages = passagesIn(body);
    expect(passages.map((p) => p.n)).toEqual(passages.map((_, i) => i + 1));
    const strategy = passages.find((p) => p.text.includes(STRATEGY))!;
    expect(strategy).toMatchObject({ kind: "the paper's abstract" });
    expect(strategy.source).toContain('Tassev, I. V. (2024)');
  });

  it('answers in llm mode, citations renumbered from 1 in order of use, each with a verbatim quote', async () => {
    openai.model((body) => reply(body, faithful(body)));
    const response = await (await llmAnswerer()).ask({ question: QUESTION });
    expect(response).toMatchObject({
      mode: 'llm',
      answerable: true,
      query: QUESTION,
      answer:
        'ISKP is reorganizing but still presents a danger in Central Asia [1]. Its strategy interlinks media warfare and kinetic action at the regional and international level [2].',
    });
    expect(response.notice).toBeUndefined();
    expect(response.citations.map((c) => [c.n, c.sourceId, c.quote])).toEqual([
      [1, 'tassev-2024-abstract', 'Although it is now reorganizing, it still presents a danger in Central Asia.'],
      [2, 'tassev-2024-abstract', 'Its strategy on a regional and international level comprises interlinked media warfare and kinetic action.'],
    ]);
    expect(response.citations[0]).toMatchObject({ title: expect.stringContaining('Islamic State-Khorasan'), authors: ['Tassev, I. V.'], year: 2024 });
    expect(response.followUps.length).toBeGreaterThan(0);
  });

  it('drops an invented marker, an invented claim and an uncited sentence, and keeps what the passages support', async () => {
    openai.model((body) =>
      reply(
        body,
        `Here is what the sources say. ISKP's strategy interlinks media warfare and kinetic action [${numberOf(body, STRATEGY)}][17]. ` +
          `ISKP funds its attacks through opium smuggling and kidnapping [${numberOf(body, STRATEGY)}]. A 2023 UN report confirms this [42].`,
      ),
    );
    const response = await (await llmAnswerer()).ask({ question: QUESTION });
    expect(response.answer).toBe("ISKP's strategy interlinks media warfare and kinetic action [1].");
    expect(response.citations).toHaveLength(1);
  });

  it('never passes on a made-up source: when nothing verifies, the extractive answer is given, saying so', async () => {
    openai.model((body) => reply(body, 'ISKP was founded by the Haqqani network in 2015 [12]. It controls Kunar province [9].'));
    const { extractive } = await testEngine();
    const response = await (await llmAnswerer()).ask({ question: QUESTION });
    const expected = await extractive.ask({ question: QUESTION });
    expect(response).toEqual({ ...expected, notice: NOTICES.unverified });
  });

  it('when the model says the passages do not answer, gives the extractive answer (here an abstention) without a notice', async () => {
    openai.model((body) => reply(body, 'NOT_IN_SOURCES'));
    const response = await (await llmAnswerer()).ask({ question: 'What is the population of Tashkent?' });
    expect(response).toMatchObject({ mode: 'extractive', answerable: false, citations: [] });
    expect(response.notice).toBeUndefined();
  });

  it('keeps bibliographic questions on the exact extractive path, without calling the model', async () => {
    openai.model((body) => reply(body, 'unused'));
    const { extractive } = await testEngine();
    const question = 'Which references are from 2022?';
    expect(await (await llmAnswerer()).ask({ question })).toEqual(await extractive.ask({ question }));
    expect(openai.calls).toHaveLength(0);
  });
});

describe('streaming', () => {
  it('sends verified sentences while the model is still writing, then exactly the /api/ask response', async () => {
    let release!: () => void;
    const resume = new Promise<void>((r) => (release = r));
    let firstSentenceLength = 0;
    openai.model((body) => {
      const text = faithful(body);
      firstSentenceLength = text.indexOf('. ') + 6; // the first sentence and the start of the next
      return reply(body, text, { pauseAfter: firstSentenceLength, resume });
    });
    const answerer = await llmAnswerer();
    const events = answerer.stream({ question: QUESTION })[Symbol.asyncIterator]();
    const first = await events.next();
    // The model is paused mid-answer, yet the first verified sentence is already out.
    expect(first.value).toEqual({ type: 'delta', text: 'ISKP is reorganizing but still presents a danger in Central Asia [1].' });
    release();
    const rest = await collect({ [Symbol.asyncIterator]: () => events });
    expect(rest.deltas).toEqual([' Its strategy interlinks media warfare and kinetic action at the regional and international level [2].']);
    expect(openai.calls[0]!.body.stream).toBe(true);

    const asked = await answerer.ask({ question: QUESTION });
    expect(openai.calls[1]!.body.stream).toBe(false);
    expect(rest.end).toEqual(asked);
    expect((first.value as { text: string }).text + rest.deltas.join('')).toBe(asked.answer);
  });

  it('streams only the sentences that survive verification', async () => {
    openai.model((body) => reply(body, `No marker here. ISKP interlinks media warfare and kinetic action [${numberOf(body, STRATEGY)}]. Invented [30].`));
    const { deltas, end } = await collect((await llmAnswerer()).stream({ question: QUESTION }));
    expect(deltas).toEqual(['ISKP interlinks media warfare and kinetic action [1].']);
    expect(end.answer).toBe(deltas.join(''));
  });
});

describe('follow-up questions', () => {
  const history = [
    { role: 'user' as const, content: "What is ISKP's strategy?" },
    { role: 'assistant' as const, content: 'Its strategy comprises interlinked media warfare and kinetic action [1].' },
  ];

  it('has the model rewrite the follow-up as a standalone question, which is searched and returned as `query`', async () => {
    openai.model((body) => reply(body, isCondense(body) ? 'Is ISKP still a danger in Central Asia?' : `ISKP still presents a danger in Central Asia [${numberOf(body, DANGER)}].`));
    const response = await (await llmAnswerer()).ask({ question: 'Is it still a danger there?', history });
    const [condense, answer] = openai.calls;
    expect(condense!.body.messages[1]!.content).toContain('<turn role="user">What is ISKP\'s strategy?</turn>');
    expect(condense!.body.messages[1]!.content).toContain('<follow_up>Is it still a danger there?</follow_up>');
    expect(answer!.body.messages[1]!.content).toContain('<standalone_question>Is ISKP still a danger in Central Asia?</standalone_question>');
    expect(response).toMatchObject({ mode: 'llm', query: 'Is ISKP still a danger in Central Asia?', answer: 'ISKP still presents a danger in Central Asia [1].' });
  });

  it('falls back to the rule-based rewrite when the model cannot rewrite', async () => {
    openai.model((body) => (isCondense(body) ? reply(body, '') : reply(body, `ISKP still presents a danger in Central Asia [${numberOf(body, DANGER)}].`)));
    const response = await (await llmAnswerer()).ask({ question: 'Is it still a danger there?', history });
    const { context } = await testEngine();
    expect(response.query).toBe(resolveFollowUp('Is it still a danger there?', history, context.terms));
    expect(response.mode).toBe('llm');
  });

  it('does not rewrite a first question', async () => {
    openai.model((body) => reply(body, faithful(body)));
    await (await llmAnswerer()).ask({ question: QUESTION, history: [] });
    expect(openai.calls.filter((c) => isCondense(c.body))).toHaveLength(0);
  });
});
