import type { z } from 'zod';
import type { askRequestSchema, briefRequestSchema } from './schemas';
import type { askResponseSchema, briefingSchema, errorBodySchema, feedbackReviewSchema, readySchema, sourceSchema } from './response-schemas';
import { feedbackCsv } from '../../feedback/csv';
import type { FeedbackRecord } from '../../feedback/record';
import { reviewFeedback } from '../../feedback/review';

/**
 * One example per route in `/openapi.json`, taken from real responses over the seed corpus and cut
 * short. Typed by the schemas they illustrate, so the compiler catches one that has drifted; a test
 * also validates each against the document (tests/server/channels/api/openapi.test.ts).
 */

type Out<S extends z.ZodType> = z.output<S>;

const abstractTitle = 'Abstract: The Islamic State-Khorasan’s Recent Reorganization and Remaining Threat for Central Asia in 2024';
const journal = 'Asian Journal of Research in Education and Social Sciences';
const restructureQuote = 'The military and political pressures have caused it to restructure or face a more lasting attenuation.';
const dangerQuote = 'Although it is now reorganizing, it still presents a danger in Central Asia.';
const pageOf = (sourceId: string, quote: string) => `https://bot.example.org/sources/${sourceId}?q=${encodeURIComponent(quote)}#quote`;

const abstractCitation = (n: number, quote: string) => ({
  n,
  sourceId: 'tassev-2024-abstract',
  kind: 'abstract' as const,
  title: abstractTitle,
  authors: ['Tassev, I. V.'],
  year: 2024,
  container: journal,
  publisher: null,
  quote,
  url: pageOf('tassev-2024-abstract', quote),
});

export const askRequestExample: z.input<typeof askRequestSchema> = {
  question: 'Why did it have to restructure?',
  history: [{ role: 'user', content: 'What is ISKP’s strategy?' }],
};

export const askResponseExample: Out<typeof askResponseSchema> = {
  answer:
    'According to Tassev (2024), the military and political pressures have caused ISKP to restructure or face a more lasting attenuation [1]. It also notes that although ISKP is now reorganizing, it still presents a danger in Central Asia [2].',
  answerable: true,
  citations: [abstractCitation(1, restructureQuote), abstractCitation(2, dangerQuote)],
  mode: 'extractive',
  followUps: ['What does the paper say about Central Asia?', 'What does the paper say about Islamic State Khorasan Province?'],
  query: 'Why did ISKP have to restructure?',
};

export const briefRequestExample: z.input<typeof briefRequestSchema> = { topic: 'Central Asia', length: 'short' };

export const briefingExample: Out<typeof briefingSchema> = {
  title: 'Briefing: Central Asia',
  topic: 'Central Asia',
  bottomLine: { text: 'According to Tassev (2024), although ISKP is now reorganizing, it still presents a danger in Central Asia [1].', citations: [1] },
  sections: [
    {
      id: 'situation',
      heading: 'The current situation',
      points: [{ text: 'The military and political pressures have caused ISKP to restructure or face a more lasting attenuation [2].', citations: [2] }],
    },
  ],
  readNext: [{ sourceId: 'webber-2023', why: 'Think-tank or institute report (Hudson Institute, 2023): “The Islamic State’s Central Asian Contingents and Their International Threat”.' }],
  citations: [abstractCitation(1, dangerQuote), abstractCitation(2, restructureQuote)],
  mode: 'extractive',
  answerable: true,
  generatedAt: '2024-07-26T09:30:00.000Z',
  markdown: '# Briefing: Central Asia\n\n_Generated 2024-07-26, quoted from the sources._\n\n**Bottom line:** According to Tassev (2024), …\n',
};

export const briefingMarkdownExample = briefingExample.markdown!;

export const sourceExample: Out<typeof sourceSchema> = {
  id: 'hamming-2023',
  kind: 'reference',
  title: 'The General Directorate of Provinces: Managing the Islamic State’s Global Network',
  authors: ['Hamming, T.'],
  editors: [],
  year: 2023,
  container: 'CTC Sentinel',
  volume: '16',
  issue: '7',
  pages: '20-27',
  publisher: null,
  text: 'Hamming, T. (2023). The General Directorate of Provinces: Managing the Islamic State’s Global Network. CTC Sentinel 16(7), 20-27.',
};

export const apaExample = 'Hamming, T. (2023). The General Directorate of Provinces: Managing the Islamic State’s Global Network. CTC Sentinel, 16(7), 20–27.';

export const readyExample: Out<typeof readySchema> = { status: 'ready', sources: 26, chunks: 37, embedder: 'lexical-v1-256' };

/** Three Slack votes, from which the feedback examples are computed by the same code the route runs. */
const slackVote = (n: number, vote: FeedbackRecord): FeedbackRecord => ({ ...vote, context: { conversation: 'C0123ABCD', message: `1721986${n}00.000100` } });
const votes: FeedbackRecord[] = [
  slackVote(1, {
    time: '2024-07-26T09:30:00.000Z',
    channel: 'slack',
    vote: 'not_helpful',
    user: 'U01ABCDEF',
    question: 'Who leads ISKP today?',
    answer: 'I could not find that in the sources.',
    sources: [],
    answerable: false,
    mode: 'extractive',
  }),
  slackVote(2, {
    time: '2024-07-26T14:05:00.000Z',
    channel: 'slack',
    vote: 'not_helpful',
    user: 'U02ABCDEF',
    question: 'who leads ISKP today',
    answer: 'According to Tassev (2024), although ISKP is now reorganizing, it still presents a danger in Central Asia [1].',
    sources: ['tassev-2024-abstract', 'hamming-2023'],
    answerable: true,
    mode: 'llm',
  }),
  slackVote(3, {
    time: '2024-07-27T08:12:00.000Z',
    channel: 'slack',
    vote: 'helpful',
    user: 'U03ABCDEF',
    question: 'What is ISKP’s strategy?',
    answer: askResponseExample.answer,
    sources: ['tassev-2024-abstract'],
    answerable: true,
    mode: 'extractive',
  }),
];
const titles: Record<string, string> = { 'tassev-2024-abstract': abstractTitle, 'hamming-2023': sourceExample.title };

export const feedbackReviewExample: Out<typeof feedbackReviewSchema> = reviewFeedback(votes, { titleOf: (id) => titles[id] });

export const feedbackCsvExample = feedbackCsv(votes);

const requestId = '86e2694a-7076-4798-a8e5-fcb3614808bf';

/** `/api/chat` as it arrives: the deltas concatenated are the final event's `answer`. */
export const chatStreamExample = [
  ['answer-start', { requestId }],
  ...askResponseExample.answer.split(/(?<=\] )/).map((text) => ['answer-delta', { text }]),
  ['answer-end', askResponseExample],
]
  .map(([event, data]) => `event: ${String(event)}\ndata: ${JSON.stringify(data)}\n\n`)
  .join('');

/** An error body as every failing route writes it. */
export const errorExample = (code: string, message: string): Out<typeof errorBodySchema> => ({ error: { code, message }, requestId });
