import { z } from 'zod';

/** The request contract of `/api/ask` and `/api/chat`. */
export const askRequestSchema = z.object({
  question: z
    .string({ error: 'question must be a string' })
    .trim()
    .min(1, 'question must not be empty')
    .max(2000, 'question must be at most 2000 characters'),
  history: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant'], { error: 'role must be "user" or "assistant"' }),
        content: z.string({ error: 'content must be a string' }).max(4000, 'content must be at most 4000 characters'),
      }),
      { error: 'history must be an array of { role, content }' },
    )
    .max(20, 'history must have at most 20 items')
    .optional(),
});

export type AskRequestBody = z.output<typeof askRequestSchema>;
