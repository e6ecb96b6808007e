import { z } from 'zod';
import { REQUEST_LIMITS } from '../../../core/answer/limits';

/**
 * The request contracts of the HTTP API. The routes validate with these, and `/openapi.json`
 * describes request bodies and parameters from these same schemas (openapi.ts), so the document
 * cannot promise what the server refuses.
 */

const { questionChars, turnChars, historyTurns } = REQUEST_LIMITS;

/** One earlier turn of the conversation. */
export const turnSchema = z.object({
  role: z.enum(['user', 'assistant'], { error: 'role must be "user" or "assistant"' }),
  content: z.string({ error: 'content must be a string' }).max(turnChars, `content must be at most ${turnChars} characters`),
});

/** The request contract of `/api/ask` and `/api/chat`. */
export const askRequestSchema = z.object({
  question: z
    .string({ error: 'question must be a string' })
    .trim()
    .min(1, 'question must not be empty')
    .max(questionChars, `question must be at most ${questionChars} characters`)
    .meta({ description: `The question, 1–${questionChars} characters after trimming.` }),
  history: z
    .array(turnSchema, { error: 'history must be an array of { role, content }' })
    .max(historyTurns, `history must have at most ${historyTurns} items`)
    .optional()
    .meta({ description: 'The conversation so far, oldest first: a follow-up ("and 2018?") is resolved against it.' }),
});

export type AskRequestBody = z.output<typeof askRequestSchema>;

/** The request contract of `POST /api/brief`. */
export const briefRequestSchema = z.object({
  topic: z
    .string({ error: 'topic must be a string' })
    .trim()
    .min(1, 'topic must not be empty')
    .max(200, 'topic must be at most 200 characters')
    .optional()
    .meta({ description: 'What to brief on, 1–200 characters after trimming; the whole corpus when absent.' }),
  length: z.enum(['short', 'standard'], { error: 'length must be "short" or "standard"' }).optional().meta({ description: '`short`: the bottom line and at most three sections of two points.' }),
});

/** `GET /api/sources/:id?format=`: the record as JSON, or a citation to paste into a reference manager. */
export const sourceFormatSchema = z.enum(['json', 'apa', 'bibtex', 'ris', 'csl']).default('json');

/** `GET /api/feedback?format=`: the review as JSON (the default, or `Accept: text/csv` for CSV), or every vote as CSV. */
export const feedbackFormatSchema = z.enum(['json', 'csv'], { error: 'format must be "json" or "csv"' }).optional();
