import { z } from 'zod';
import { REQUEST_LIMITS } from '../../../core/answer/limits';

const { questionChars, turnChars, historyTurns } = REQUEST_LIMITS;

/** The request contract of `/api/ask` and `/api/chat`. */
export const askRequestSchema = z.object({
  question: z
    .string({ error: 'question must be a string' })
    .trim()
    .min(1, 'question must not be empty')
    .max(questionChars, `question must be at most ${questionChars} characters`),
  history: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant'], { error: 'role must be "user" or "assistant"' }),
        content: z.string({ error: 'content must be a string' }).max(turnChars, `content must be at most ${turnChars} characters`),
      }),
      { error: 'history must be an array of { role, content }' },
    )
    .max(historyTurns, `history must have at most ${historyTurns} items`)
    .optional(),
});

export type AskRequestBody = z.output<typeof askRequestSchema>;

/** The request contract of `POST /api/brief`. */
export const briefRequestSchema = z.object({
  topic: z
    .string({ error: 'topic must be a string' })
    .trim()
    .min(1, 'topic must not be empty')
    .max(200, 'topic must be at most 200 characters')
    .optional(),
  length: z.enum(['short', 'standard'], { error: 'length must be "short" or "standard"' }).optional(),
});
