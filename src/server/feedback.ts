/**
 * One vote on one answer, as written to `feedback.jsonl` (Node) or the log (Workers). Shape is a
 * public contract for whoever reads the file: add fields, never rename them.
 */
export interface FeedbackRecord {
  time: string;
  /** Where the vote came from, e.g. `slack`. */
  channel: string;
  vote: 'helpful' | 'not_helpful';
  /** The voter's id on that channel, e.g. a Slack user id. */
  user: string;
  question: string;
  /** The answer as shown, possibly shortened (Slack carries it in a 2,000-character button value). */
  answer: string;
  /** Ids of the cited sources, in citation order. */
  sources: string[];
  answerable: boolean;
  /** Channel-specific context, e.g. the Slack conversation, for tracing a vote back to its message. */
  context?: Record<string, string>;
}

export type RecordFeedback = (record: FeedbackRecord) => Promise<void> | void;
