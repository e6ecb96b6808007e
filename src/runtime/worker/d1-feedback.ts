import { parseFeedbackRecord, type FeedbackRecord } from '../../server/feedback/record';
import type { FeedbackStore } from '../../server/state/shared-state';

/** The part of a D1 binding (`[[d1_databases]]` in wrangler.toml) this store uses. */
export interface D1Binding {
  prepare(query: string): D1Statement;
}

export interface D1Statement {
  bind(...values: unknown[]): D1Statement;
  run(): Promise<unknown>;
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
}

/** A row of the `feedback` table (migrations/0001_feedback.sql). */
export interface FeedbackRow {
  time: string;
  vote: string;
  mode: string | null;
  answerable: number;
  question: string;
  sources: string;
  answer: string;
  channel: string;
  user: string;
  context: string | null;
}

const COLUMNS = ['time', 'vote', 'mode', 'answerable', 'question', 'sources', 'answer', 'channel', 'user', 'context'] as const satisfies readonly (keyof FeedbackRow)[];
const INSERT = `INSERT INTO feedback (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;
const SELECT = `SELECT ${COLUMNS.join(', ')} FROM feedback ORDER BY time, id`;

/** Votes in the D1 `feedback` table: one row each, read back oldest first; a row that is not a vote (edited by hand) is skipped. */
export function createD1Feedback(db: D1Binding): FeedbackStore {
  return {
    async append(record) {
      const row = toRow(record);
      await db.prepare(INSERT).bind(...COLUMNS.map((c) => row[c])).run();
    },
    async read() {
      const { results } = await db.prepare(SELECT).all<FeedbackRow>();
      return results.flatMap((row) => fromRow(row) ?? []);
    },
  };
}

/** A vote as a row: D1 binds no undefined and no booleans, so absent fields are NULL and `answerable` is 0 or 1. */
export function toRow(record: FeedbackRecord): FeedbackRow {
  const { time, vote, mode, answerable, question, sources, answer, channel, user, context } = record;
  return { time, vote, mode: mode ?? null, answerable: answerable ? 1 : 0, question, sources: JSON.stringify(sources), answer, channel, user, context: context ? JSON.stringify(context) : null };
}

/** The vote a row holds, or undefined for one that does not hold a vote. */
export function fromRow(row: FeedbackRow): FeedbackRecord | undefined {
  try {
    const { mode, answerable, sources, context, ...text } = row;
    return parseFeedbackRecord({
      ...text,
      answerable: answerable === 1,
      sources: JSON.parse(sources),
      ...(mode === null ? {} : { mode }),
      ...(context === null ? {} : { context: JSON.parse(context) }),
    });
  } catch {
    return undefined;
  }
}
