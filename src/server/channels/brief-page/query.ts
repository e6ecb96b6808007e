import { z } from 'zod';
import type { BriefRequest } from '../../../core/brief/types';
import { AppError } from '../../errors';

/** The longest topic a briefing takes, as `BriefRequest.topic` documents it. */
export const TOPIC_CHARS = 200;

/** `GET /brief`'s query: an optional topic of 1–200 characters (after trimming) and an optional length. */
export const briefQuerySchema = z.object({
  topic: z
    .string()
    .trim()
    .min(1, 'topic must not be empty; leave it out for a briefing on the whole corpus')
    .max(TOPIC_CHARS, `topic must be at most ${TOPIC_CHARS} characters`)
    .optional(),
  length: z.enum(['short', 'standard'], { error: 'length must be "short" or "standard"' }).default('standard'),
});

/**
 * The briefing request a query string asks for, or 400 `invalid_request` naming the first bad
 * parameter: the code and message form `/api/*` uses for a body that does not fit its schema.
 */
export function readBriefQuery(query: Record<string, string | undefined>): Required<Pick<BriefRequest, 'length'>> & BriefRequest {
  const result = briefQuerySchema.safeParse({ topic: query.topic, length: query.length });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new AppError(400, 'invalid_request', `${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data.topic === undefined ? { length: result.data.length } : result.data;
}
