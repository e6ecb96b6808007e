import { z } from 'zod';

/**
 * The response contract of the HTTP API, written once as zod schemas: `/openapi.json` is generated
 * from them, and a type-level test (tests/server/channels/api/response-schemas.test.ts) holds their
 * output types equal to the core's interfaces (`AskResponse`, `Briefing`, `Source`…), so neither
 * can change without the other. The routes never parse their own responses with these: the
 * interfaces already type them, and the API tests check every response against the document.
 */

const sourceKind = z.enum(['paper', 'abstract', 'reference', 'document']);

/** A citable record (`GET /api/sources`): src/core/corpus/types.ts `Source`. */
export const sourceSchema = z.object({
  id: z.string().meta({ description: 'Stable, readable id, e.g. `hamming-2023`, `tassev-2024`.' }),
  kind: sourceKind,
  title: z.string(),
  authors: z.array(z.string()).meta({ description: 'As written in the document, e.g. `Jadoon, A.` or `Al Jazeera`.' }),
  editors: z.array(z.string()),
  year: z.number().int().nullable(),
  container: z.string().nullable().meta({ description: 'Journal, series or book the work appears in.' }),
  volume: z.string().nullable(),
  issue: z.string().nullable(),
  pages: z.string().nullable().meta({ description: 'As written, including an en dash (`10–30`) or hyphen (`20-27`).' }),
  publisher: z.string().nullable().meta({ description: 'Outlet, institute or publisher.' }),
  text: z.string().meta({ description: 'The record exactly as it stands in its file (the reference entry, the abstract, the document body).' }),
  url: z.string().nullable().optional(),
  month: z.string().nullable().optional(),
  accessed: z.string().nullable().optional(),
  section: z.string().nullable().optional(),
  file: z.string().optional().meta({ description: 'Corpus file the record came from, relative to the corpus folder.' }),
});

/** `GET /api/sources`. */
export const sourceListSchema = z.object({ sources: z.array(sourceSchema) });

/** One citation of an answer or a briefing: src/core/answer/types.ts `Citation`. */
export const citationSchema = z.object({
  n: z.number().int().min(1).meta({ description: 'Matches a `[n]` marker in the text; numbered from 1 in order of first use.' }),
  sourceId: z.string(),
  kind: sourceKind,
  title: z.string(),
  authors: z.array(z.string()),
  year: z.number().int().nullable(),
  container: z.string().nullable(),
  publisher: z.string().nullable(),
  quote: z.string().meta({ description: 'Verbatim text from the source that supports the sentence the marker follows.' }),
  url: z
    .string()
    .meta({ description: "The source's page with the quote highlighted (`/sources/{id}?q=…#quote`), absolute on PUBLIC_URL's origin or the request's." }),
});

/**
 * `GET /api/sources/:id?format=csl`: one CSL-JSON item, for a reference manager. Only the fields
 * every item has are listed; the rest (author, issued, container-title, page, URL…) follow CSL-JSON.
 */
export const cslItemSchema = z.looseObject({ id: z.string(), type: z.string(), title: z.string() });

/** A line of a briefing with `[n]` markers, and the numbers of the citations those markers name. */
export const briefTextSchema = z.object({ text: z.string(), citations: z.array(z.number().int().min(1)) });

/** One section of a briefing; also the data of `/api/chat`'s `briefing-section` event. */
export const briefSectionSchema = z.object({
  id: z.enum(['background', 'situation', 'threat', 'recommendations', 'literature']),
  heading: z.string(),
  points: z.array(briefTextSchema),
});

/** A work the briefing suggests reading next, and why. */
export const readNextSchema = z.object({ sourceId: z.string(), why: z.string() });

const mode = z.enum(['extractive', 'llm']).meta({ description: '`llm` when a language model wrote the text (and every sentence was verified against its quotes).' });

/** `POST /api/brief`, and the `briefing` field of `/api/ask` and `/api/chat`: src/core/answer/types.ts `Briefing`. */
export const briefingSchema = z.object({
  title: z.string(),
  topic: z.string().nullable().meta({ description: 'The topic as asked, or null for a briefing on the whole corpus.' }),
  bottomLine: briefTextSchema,
  sections: z.array(briefSectionSchema),
  readNext: z.array(readNextSchema),
  citations: z.array(citationSchema).meta({ description: 'Numbered as in `/api/ask`: from 1, in order of first use, every one used by a marker.' }),
  mode,
  answerable: z.boolean(),
  followUps: z.array(z.string()).optional().meta({ description: 'Suggestions when the topic is declined.' }),
  notice: z.string().optional().meta({ description: 'Names the sections that fell back to quotes when the model failed them.' }),
  generatedAt: z.iso.datetime().meta({ description: 'ISO 8601; the one field that differs between identical requests.' }),
  markdown: z.string().optional().meta({ description: 'The briefing as Markdown, in the `briefing` field of `/api/ask` and `/api/chat`.' }),
});

/** `POST /api/ask`, and the data of `/api/chat`'s `answer-end` event: src/core/answer/types.ts `AskResponse`. */
export const askResponseSchema = z.object({
  answer: z.string().meta({ description: 'Each sentence followed by the `[n]` marker of the citation that quotes its support.' }),
  answerable: z.boolean().meta({ description: "false when the sources don't support an answer (or the request was not a question about them)." }),
  citations: z.array(citationSchema),
  mode,
  followUps: z.array(z.string()).meta({ description: 'Questions the bot has checked it can answer.' }),
  query: z.string().meta({ description: 'The question actually searched, after resolving a follow-up against the history.' }),
  notice: z.string().optional().meta({ description: 'Set when something degraded, e.g. the model was unavailable and the extractive answer was used.' }),
  briefing: briefingSchema.optional().meta({ description: 'Present when the question asked for a briefing; `answer` then holds its lines as plain text.' }),
});

/** Every error, as src/server/env.ts `errorBody` writes it (the SSE `error` event's data too). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable and machine-readable, e.g. `invalid_request`, `rate_limited`, `not_ready`.' }),
    message: z.string().meta({ description: 'For people; may change.' }),
  }),
  // Always set: the request-id middleware runs before anything that can fail.
  requestId: z.string().meta({ description: 'The X-Request-Id of the response, for the server log.' }),
});

/** `/api/chat`'s first event. */
export const chatStartSchema = z.object({ requestId: z.string() });

/** `/api/chat`'s text, in order: concatenated, the deltas are the `answer` of the final event. */
export const chatDeltaSchema = z.object({ text: z.string() });

/** `GET /healthz`. */
export const healthSchema = z.object({ status: z.literal('ok') });

/** `GET /readyz` once the index is loaded. */
export const readySchema = z.object({
  status: z.literal('ready'),
  sources: z.number().int().min(0),
  chunks: z.number().int().min(0),
  embedder: z.string().meta({ description: 'The embedding model in use.' }),
});

/** `GET /readyz` while the index loads (503): what a readiness probe expects, not an error. */
export const startingSchema = z.object({ status: z.literal('starting') });

const voteCounts = {
  votes: z.number().int().min(1),
  helpful: z.number().int().min(0),
  notHelpful: z.number().int().min(0),
  helpfulRate: z.number().min(0).max(1).meta({ description: '`helpful / votes`, rounded to 3 decimals.' }),
};

/** `GET /api/feedback`: what users thought of the answers, src/server/feedback/review.ts `FeedbackReview`. */
export const feedbackReviewSchema = z.object({
  total: z.number().int().min(0),
  helpful: z.number().int().min(0),
  notHelpful: z.number().int().min(0),
  helpfulRate: z.number().min(0).max(1).nullable().meta({ description: '`helpful / total`, rounded to 3 decimals; null when there are no votes.' }),
  firstVoteAt: z.string().nullable().meta({ description: 'The earliest vote’s time (ISO 8601) as recorded; null when there are none.' }),
  lastVoteAt: z.string().nullable(),
  overTime: z
    .array(z.object({ day: z.string().meta({ description: '`YYYY-MM-DD`, UTC.' }), helpful: z.number().int().min(0), notHelpful: z.number().int().min(0) }))
    .meta({ description: 'Votes per UTC day, oldest first; only days with votes.' }),
  byMode: z
    .array(z.object({ mode: z.enum(['extractive', 'llm', 'unknown']), ...voteCounts }))
    .meta({ description: 'By how the answer was made (`unknown`: voted on before the mode was recorded); only modes with votes.' }),
  byOutcome: z
    .array(z.object({ outcome: z.enum(['answered', 'declined']), ...voteCounts }))
    .meta({ description: 'Whether the bot answered or declined; only outcomes with votes.' }),
  mostNotHelpful: z
    .array(
      z.object({
        question: z.string().meta({ description: 'As first typed; votes are grouped whatever their case, spacing or trailing punctuation.' }),
        notHelpful: z.number().int().min(1),
        helpful: z.number().int().min(0),
        lastVoteAt: z.string(),
        answer: z.string().meta({ description: 'The answer as shown with the latest vote, possibly shortened.' }),
        sources: z
          .array(z.object({ id: z.string(), title: z.string().optional().meta({ description: 'Absent when the source is not in the loaded index.' }), votes: z.number().int().min(1) }))
          .meta({ description: 'Every source the not-helpful answers cited, with how many of them cited it; most first.' }),
      }),
    )
    .meta({ description: 'The questions with the most not-helpful votes (then the most recent): at most 10.' }),
});
