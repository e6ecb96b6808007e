import { z } from 'zod';

/**
 * One vote on one answer, as every feedback store keeps it (`feedback.jsonl`, a Redis Stream, a
 * D1 row). The shape is a public contract for whoever reads the stores: add fields, never rename them.
 */
export const feedbackRecordSchema = z.object({
  time: z.string(),
  /** Where the vote came from, e.g. `slack`. */
  channel: z.string(),
  vote: z.enum(['helpful', 'not_helpful']),
  /** The voter's id on that channel, e.g. a Slack user id. */
  user: z.string(),
  question: z.string(),
  /** The answer as shown, possibly shortened (Slack carries it in a 2,000-character button value). */
  answer: z.string(),
  /** Ids of the cited sources, in citation order. */
  sources: z.array(z.string()),
  answerable: z.boolean(),
  /** How the answer was made; absent on votes cast before it was recorded. */
  mode: z.enum(['extractive', 'llm']).optional(),
  /** Channel-specific context, e.g. the Slack conversation, for tracing a vote back to its message. */
  context: z.record(z.string(), z.string()).optional(),
});

export type FeedbackRecord = z.output<typeof feedbackRecordSchema>;

/** A stored record read back, or undefined for one that is not a vote (a hand-edited line, an older shape). */
export function parseFeedbackRecord(value: unknown): FeedbackRecord | undefined {
  const parsed = feedbackRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A vote stored as JSON text (a line of feedback.jsonl, a Redis stream entry); undefined for text that is not one. */
export function parseFeedbackJson(text: string | undefined): FeedbackRecord | undefined {
  if (text === undefined) return undefined;
  try {
    return parseFeedbackRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Votes from several stores as one list, oldest first (ISO times sort as text). */
export function mergeFeedback(...lists: FeedbackRecord[][]): FeedbackRecord[] {
  return lists.flat().sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}
