import { z } from 'zod';
import type { AskResponse } from '../../../core/answer/types';
import type { FeedbackRecord } from '../../feedback/record';
import { parseJson } from './parse-json';

/**
 * What a button carries back. Slack returns a button's `value` verbatim with the click, so the
 * vote can be recorded without the server remembering anything (no store, works on any Worker) —
 * but a value holds at most 2,000 characters, so the answer is shortened to fit and sources are
 * kept as ids.
 */
const MAX_VALUE = 2000;
const MAX_QUESTION_IN_FEEDBACK = 300;
const MAX_SOURCES = 10;

const feedbackValue = z.object({
  q: z.string(),
  a: z.string(),
  s: z.array(z.string()).max(MAX_SOURCES),
  ok: z.union([z.literal(0), z.literal(1)]),
  // Absent on buttons posted before the mode was recorded.
  m: z.enum(['extractive', 'llm']).optional(),
  // The vote itself, on Slack's native feedback buttons: both halves go back through one action id.
  v: z.enum(['helpful', 'not_helpful']).optional(),
});
const questionValue = z.object({ q: z.string().min(1) });
const topicValue = z.object({ t: z.string().nullable() });

/** What a vote records of a reply: an answer, or a briefing read as one. */
export type FeedbackResponse = Pick<AskResponse, 'answer' | 'answerable' | 'citations' | 'mode'>;

/**
 * A vote's button value: the question, the reply (shortened to fit), its sources' ids, whether it
 * answered, how it was made, and, for one half of Slack's feedback buttons, the vote it casts.
 */
export function encodeFeedbackValue({ question, response, vote }: { question: string; response: FeedbackResponse; vote?: FeedbackRecord['vote'] }): string {
  const sources = [...new Set(response.citations.map((c) => c.sourceId))].slice(0, MAX_SOURCES);
  const value = { q: shortenWithEllipsis(question, MAX_QUESTION_IN_FEEDBACK), a: response.answer, s: sources, ok: response.answerable ? 1 : 0, m: response.mode, ...(vote ? { v: vote } : {}) };
  return fit(value, 'a');
}

/** The "Post to channel" button's value for an answer: its question, asked again when clicked. */
export function encodeQuestionValue(question: string): string {
  return fit({ q: question }, 'q');
}

/** The "Post to channel" button's value for a briefing: its topic (null: the whole corpus), briefed again when clicked. */
export function encodeTopicValue(topic: string | null): string {
  return JSON.stringify({ t: topic });
}

export interface FeedbackValue {
  question: string;
  answer: string;
  sources: string[];
  answerable: boolean;
  mode?: 'extractive' | 'llm';
  /** The vote the button casts, when the value carries one (native feedback buttons). */
  vote?: FeedbackRecord['vote'];
}

/** Undefined for a value we did not write (or an older format): the click is then ignored, not guessed at. */
export function decodeFeedbackValue(value: string | undefined): FeedbackValue | undefined {
  const parsed = feedbackValue.safeParse(parseJson(value));
  if (!parsed.success) return undefined;
  const { q, a, s, ok, m, v } = parsed.data;
  return { question: q, answer: a, sources: s, answerable: ok === 1, ...(m ? { mode: m } : {}), ...(v ? { vote: v } : {}) };
}

export function decodeQuestionValue(value: string | undefined): string | undefined {
  const parsed = questionValue.safeParse(parseJson(value));
  return parsed.success ? parsed.data.q : undefined;
}

/** Undefined for a value we did not write; `{ topic: null }` for a briefing on the whole corpus. */
export function decodeTopicValue(value: string | undefined): { topic: string | null } | undefined {
  const parsed = topicValue.safeParse(parseJson(value));
  return parsed.success ? { topic: parsed.data.t } : undefined;
}

/** The record of a vote cast with a button whose value is `value`. */
export function feedbackRecord(
  { vote: _carried, ...value }: FeedbackValue,
  vote: FeedbackRecord['vote'],
  { user, time, context }: { user: string; time: Date; context?: Record<string, string> },
): FeedbackRecord {
  return { time: time.toISOString(), channel: 'slack', vote, user, ...value, ...(context ? { context } : {}) };
}

/** Shortens `field` until the JSON fits in a button value; JSON escaping can make text longer than it looks. */
function fit<T extends Record<string, unknown>>(value: T, field: keyof T & string): string {
  let json = JSON.stringify(value);
  let text = String(value[field]);
  while (json.length > MAX_VALUE && text.length > 0) {
    text = shortenWithEllipsis(text, Math.max(0, text.length - (json.length - MAX_VALUE) - 1));
    json = JSON.stringify({ ...value, [field]: text });
  }
  return json;
}

/** At most `max` characters, the last an ellipsis when cut; never half a surrogate pair. */
function shortenWithEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '';
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
