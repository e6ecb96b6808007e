import { beforeAll, describe, expect, it } from 'vitest';
import { NOTICES } from '../../../../src/core/answer/llm/llm-answerer';
import { backing, MIN_CLAIM_SUPPORT } from '../../../../src/core/answer/llm/verify';
import type { AskResponse, Turn } from '../../../../src/core/answer/types';
import { llmAnswerer, passageOf, testEngine } from './engine';
import { reply, useModelStandIn } from './model-stand-in';
import { numberOf, type ChatBody } from './openai-wire';

/**
 * A model answers in its own words, not the sources'. Each sentence it writes is kept when the
 * passage its marker points at supports it (through the thesaurus and the glossary, not shared
 * words), and dropped when that passage does not. The stand-in model reads the numbered passages
 * out of the prompt it receives and cites by those numbers; only the OpenAI API is mocked: the
 * index, its WordNet thesaurus, retrieval and verification are the real ones.
 */
const { openai } = useModelStandIn();

/** A passage a sentence may cite: found in the prompt by words only it holds; quoted verbatim. */
interface Target {
  source: string;
  /** The chunk's opening words (the prompt shows it with a leading pronoun named). */
  at: string;
  /** Words of the passage as the prompt shows it, to find its number there. */
  inPrompt: string;
  /** What a citation of it must quote: the supporting sentence, or the reference's title. */
  quote: string;
}

const abstract = (at: string, inPrompt: string, quote: string): Target => ({ source: 'tassev-2024-abstract', at, inPrompt, quote });
/** A reference entry; cited by its title unless the sentence needs more of the entry (its outlet, say). */
const reference = (source: string, title: string, quote = title): Target => ({ source, at: '', inPrompt: title, quote });

const DEFEAT = abstract(
  'The self-proclaimed',
  'was defeated in 2019 but today there are still some branches',
  'The self-proclaimed Islamic State in Iraq and Syria (ISIS) was defeated in 2019 but today there are still some branches of the organization active in various parts of the world.',
);
const STRATEGY = abstract('Its strategy', 'comprises interlinked media warfare and kinetic action', 'Its strategy on a regional and international level comprises interlinked media warfare and kinetic action.');
const PRESSURES = abstract('The military', 'The military and political pressures have caused', 'The military and political pressures have caused it to restructure or face a more lasting attenuation.');
const IRAN = abstract('The very recent', 'the attack in Iran from January 3', 'The very recent example is the attack in Iran from January 3.');
const DANGER = abstract('Although', 'still presents a danger in Central Asia', 'Although it is now reorganizing, it still presents a danger in Central Asia.');
// The reply names the outlet (Eurasianet), which only the whole entry holds: that is what it quotes.
const TAJIK_NETWORK = reference(
  'alkhouri-2022',
  'Islamic State Launches New Tajik Propaganda Network',
  'Alkhouri, L., & Webber, L. (2022). Islamic State Launches New Tajik Propaganda Network. Eurasianet.',
);
const FIGHTERS_AT_BORDER = reference('bne-intellinews-2023', '4,000 Islamic State Fighters Gathered near Afghanistan Border with Tajikistan Says Kremlin Officer');
const KABUL_GATHERING = reference('al-jazeera-2018', 'Suicide Bombing at Kabul Religious Gathering Kills Dozens');
const KABUL_CHECKPOINT = reference('cbs-2023', 'Bomb Blast at Kabul Checkpoint Kills and Wounds Several, Taliban says');

/** One sentence of the model's reply: its words (no marker, no stop) and the passage it cites. */
interface Sentence {
  says: string;
  cites: Target;
}
const supported = (says: string, cites: Target) => ({ says, cites, kept: true });
/** `why`: what the passage does not give (documentation; the assertion is that the sentence is dropped). */
const unsupported = (says: string, cites: Target, why: string) => ({ says, cites, kept: false, why });
type Line = ReturnType<typeof supported> | ReturnType<typeof unsupported>;

/** The reply the stand-in writes: each sentence with the number its passage has in this prompt. */
const replyOf = (lines: Sentence[]) => (body: ChatBody) => lines.map((l) => `${l.says} [${numberOf(body, l.cites.inPrompt)}].`).join(' ');

interface Case {
  spec: string;
  question: string;
  /** Earlier turns, for a follow-up. */
  history?: Turn[];
  reply: Line[];
}

const CASES: Case[] = [
  {
    spec: 'framing words ("the paper says") neither need nor lend support: the paraphrased strategy is kept, a leader claim and a claim cited to the wrong passage dropped',
    question: "What does the paper say about how ISKP's strategy works?",
    reply: [
      supported("The paper says ISKP's approach mixes propaganda with armed attacks, both in its region and internationally", STRATEGY),
      unsupported("Its leader Shahab al-Muhajir runs the group's propaganda", STRATEGY, 'no leader is named'),
      unsupported('Outside pressure has forced it to reorganise or risk a lasting weakening', STRATEGY, 'true of another passage, not this one'),
    ],
  },
  {
    spec: 'a paraphrase of the abstract\'s defeat-and-branches sentence is kept; an invented coalition of 80 countries is dropped',
    question: 'What happened to ISIS after 2019?',
    reply: [
      supported('The group was beaten in 2019, yet offshoots of it still operate around the globe', DEFEAT),
      unsupported('ISIS was beaten in 2019 by a coalition of 80 countries', DEFEAT, 'no coalition, no number of countries'),
    ],
  },
  {
    spec: 'a paraphrase of the abstract\'s strategy sentence is kept; a claim that its leader directs the attacks is dropped',
    question: 'How does ISKP operate?',
    reply: [
      supported('Its approach mixes propaganda with armed attacks', STRATEGY),
      unsupported("ISKP's leader personally directs its propaganda and armed attacks", STRATEGY, 'no leader is mentioned'),
    ],
  },
  {
    spec: 'a paraphrase of the abstract\'s pressures sentence is kept; the strategy cited to it and a drone strike on a leader are dropped',
    question: 'Why did ISKP restructure?',
    reply: [
      supported('Outside pressure has forced it to reorganise or risk a lasting weakening', PRESSURES),
      unsupported('Its approach mixes propaganda with armed attacks', PRESSURES, 'true of the strategy passage, not this one'),
      unsupported('US drone strikes killed its leader, forcing it to reorganise', PRESSURES, 'no drone strikes, no leader'),
    ],
  },
  {
    spec: 'a reference title in other words is kept; what the title does not say, and a number no source gives, are dropped',
    question: 'What has the Islamic State done to reach Tajik speakers?',
    reply: [
      supported('A Eurasianet piece reports a new Tajik-language propaganda outlet launched by the Islamic State', TAJIK_NETWORK),
      unsupported("The outlet is run by ISKP's leader from Kabul", TAJIK_NETWORK, 'a title says nothing of who runs the network, or from where'),
      unsupported('It has 6,000 fighters in Kunar', FIGHTERS_AT_BORDER, 'the title gives 4,000 fighters, at the Tajik border, not Kunar'),
    ],
  },
  {
    spec: 'a yes/no answer in other words is kept; a fighter count and a dead leader cited to the same passage are dropped',
    question: 'Is ISKP still a threat to Central Asia?',
    reply: [
      supported('Yes: it still poses a danger to Central Asia even as it regroups', DANGER),
      unsupported('It has 6,000 fighters in Kunar', DANGER, 'no number, no Kunar'),
      unsupported('Its leader was killed in 2023, leaving it without direction', DANGER, 'no leader, no killing'),
    ],
  },
  {
    spec: 'a content question that asks "when", put "according to the paper", reaches the model, not the publication record: the date in other words is kept, a death toll dropped',
    question: 'When did the attack in Iran happen, according to the paper?',
    reply: [
      supported('The paper points to the attack in Iran on January 3 as its very recent example', IRAN),
      unsupported('The attack in Iran killed more than 90 people on January 3', IRAN, 'no death toll'),
    ],
  },
  {
    spec: 'a follow-up is answered from the passage its own words ask for: the reorganisation in other words is kept, a cause the passage does not give dropped',
    question: 'And why did it have to reorganise?',
    history: [{ role: 'user', content: "What is ISKP's strategy?" }],
    reply: [
      supported('Military and political pressure left it to restructure or face a more lasting weakening', PRESSURES),
      unsupported('It reorganised after losing its leader in a drone strike', PRESSURES, 'no leader, no drone strike'),
    ],
  },
  {
    spec: 'a list drawn from titles keeps each paraphrased item with its own reference; a claim about who carried them out is dropped',
    question: 'Which attacks in Kabul are mentioned?',
    reply: [
      supported('A suicide blast killed dozens at a religious gathering in Kabul', KABUL_GATHERING),
      supported('A bomb went off at a Kabul checkpoint, killing and injuring several people', KABUL_CHECKPOINT),
      unsupported("Both were carried out by ISKP's leader personally", KABUL_CHECKPOINT, 'the title names no perpetrator'),
    ],
  },
];

/**
 * Near misses: sentences that share most of their words with the passage they cite, and still
 * say what it does not (another number, a leader and a killing through loose links, the other
 * Kabul attack). Each is dropped.
 */
const NEAR_MISSES: Case[] = [
  {
    spec: 'a fighter count the source does not give (6,000 where it says 4,000) is dropped',
    question: 'Is there Islamic State propaganda aimed at Tajiks?',
    // "6,000" is read as "6" and "000": the shared "000", with fighters, near, Tajik, border, carries it.
    reply: [unsupported('It has 6,000 fighters near the Tajik border', FIGHTERS_AT_BORDER, 'the title gives 4,000')],
  },
  {
    spec: 'a dead leader cited to the pressures sentence is dropped',
    question: 'Why did ISKP restructure?',
    // WordNet links "leader" and "killed" to "caused" (0.4), "forcing" to "pressures" (0.8).
    reply: [unsupported('Its leader was killed, forcing it to reorganise', PRESSURES, 'no leader, no killing')],
  },
  {
    spec: 'one Kabul attack cited to the title of the other is dropped',
    question: 'Which attacks in Kabul are mentioned?',
    // Kabul, blast and kills are in the checkpoint title; "suicide" reaches its "kills" (0.6).
    reply: [
      supported('A bomb went off at a Kabul checkpoint, killing and injuring several people', KABUL_CHECKPOINT),
      unsupported('A suicide blast killed dozens at a religious gathering in Kabul', KABUL_CHECKPOINT, 'the gathering is the other title'),
    ],
  },
];

/** What `backing()` makes of each sentence against the passage it cites: printed when a case fails. */
async function coverages(lines: Line[]): Promise<string> {
  const { context } = await testEngine();
  const rows = await Promise.all(
    lines.map(async (l) => {
      const b = backing(l.says, await passageOf(l.cites.source, l.cites.at), context.support);
      return `  ${b.coverage.toFixed(3)} ${l.kept ? 'supported  ' : 'unsupported'} "${l.says}" -> ${l.cites.source} "${b.quote.quote}" (terms: ${b.terms.join(' ')})`;
    }),
  );
  return `coverage by the cited passage (MIN_CLAIM_SUPPORT ${MIN_CLAIM_SUPPORT}):\n${rows.join('\n')}`;
}

/** The answer the kept sentences make: markers renumbered from 1 in order of first use. */
function expectedAnswer(lines: Line[]) {
  const used: Target[] = [];
  const answer = lines
    .filter((l) => l.kept)
    .map((l) => {
      if (!used.includes(l.cites)) used.push(l.cites);
      return `${l.says} [${used.indexOf(l.cites) + 1}].`;
    })
    .join(' ');
  return { answer, citations: used.map((t, i) => [i + 1, t.source, t.quote]) };
}

async function answered({ question, history, reply: lines }: Case): Promise<AskResponse> {
  openai.model((body) => reply(body, replyOf(lines)(body)));
  return (await llmAnswerer()).ask({ question, history });
}

beforeAll(async () => {
  await testEngine(); // the real index and its WordNet thesaurus, built once for the file
});

describe('an answer in the model\'s own words', () => {
  it('is verified over the real index, with the WordNet thesaurus built at ingest', async () => {
    const { index } = await testEngine();
    expect(index.thesaurus?.source).toMatch(/wordnet/i);
    expect(index.lexicon.size).toBeGreaterThan(1000);
  });

  it.each(CASES)('$spec', async (c) => {
    const response = await answered(c);
    const expected = expectedAnswer(c.reply);
    const why = await coverages(c.reply);
    expect(response.mode, why).toBe('llm');
    expect(response.notice).toBeUndefined();
    expect(response.answer, why).toBe(expected.answer);
    for (const l of c.reply.filter((l) => !l.kept)) expect(response.answer, why).not.toContain(l.says);
    expect(response.citations.map((ct) => [ct.n, ct.sourceId, ct.quote])).toEqual(expected.citations);
    const { index } = await testEngine();
    for (const ct of response.citations) expect(index.sourceById.get(ct.sourceId)!.text).toContain(ct.quote);
  });

  it('falls back to the extractive answer, saying so, when no sentence is supported by the passage it cites', async () => {
    const question = 'Is ISKP still a threat to Central Asia?';
    const response = await answered({
      spec: '',
      question,
      reply: [
        unsupported('It has 6,000 fighters in Kunar', DANGER, 'no number, no Kunar'),
        unsupported('Its leader Shahab al-Muhajir was killed in 2023', DANGER, 'no leader'),
        unsupported('Outside pressure has forced it to reorganise or risk a lasting weakening', STRATEGY, 'true of another passage'),
      ],
    });
    const { extractive } = await testEngine();
    expect(openai.calls).toHaveLength(1);
    expect(response).toEqual({ ...(await extractive.ask({ question })), notice: NOTICES.unverified });
    expect(response.mode).toBe('extractive');
  });

  it('answers a count of references from the metadata, exactly, without asking the model', async () => {
    openai.model((body) => reply(body, 'There are about a dozen such references [1].'));
    const question = 'How many references are from 2023?';
    const { index, extractive } = await testEngine();
    const response = await (await llmAnswerer()).ask({ question });
    expect(openai.calls).toHaveLength(0);
    expect(response).toEqual(await extractive.ask({ question }));
    const from2023 = index.sources.filter((s) => s.kind === 'reference' && s.year === 2023);
    expect(response.answer).toContain(`${from2023.length} of the`);
    expect(response.citations.map((c) => c.sourceId).sort()).toEqual(from2023.map((s) => s.id).sort());
  });
});

describe('near misses: a sentence close to its passage in words that says what the passage does not', () => {
  it.each(NEAR_MISSES)('$spec', async (c) => {
    const response = await answered(c);
    const why = await coverages(c.reply);
    for (const l of c.reply.filter((l) => !l.kept)) expect(response.answer, why).not.toContain(l.says);
  });
});
