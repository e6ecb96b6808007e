import { describe, expect, it } from 'vitest';
import { feedbackRecordSchema, type FeedbackRecord } from '../../../src/server/feedback/record';
import { createD1Feedback, fromRow, toRow, type D1Binding, type FeedbackRow } from '../../../src/runtime/worker/d1-feedback';

/** A vote with every field the schema has. */
const full: FeedbackRecord = {
  time: '2026-05-01T10:00:00.000Z',
  channel: 'slack',
  vote: 'not_helpful',
  user: 'U7',
  question: 'Who wrote the paper?',
  answer: 'Tassev wrote it [1].',
  sources: ['tassev-2024', 'hamming-2023'],
  answerable: true,
  mode: 'extractive',
  context: { conversation: 'D1', message: '1700000000.000200' },
};
const minimal: FeedbackRecord = { time: '2026-04-30T09:00:00.000Z', channel: 'slack', vote: 'helpful', user: 'U8', question: 'Capital of France?', answer: 'The sources do not say.', sources: [], answerable: false };

describe('D1 feedback rows', () => {
  it('have a column for every field of a vote, and give the vote back whole', () => {
    // A field added to the schema needs a column (a new migration) and a place in toRow/fromRow.
    expect(Object.keys(full).sort()).toEqual(Object.keys(feedbackRecordSchema.shape).sort());
    expect(fromRow(toRow(full))).toEqual(full);
    expect(toRow(full)).toMatchObject({ answerable: 1, sources: '["tassev-2024","hamming-2023"]', context: '{"conversation":"D1","message":"1700000000.000200"}' });
  });

  it('store absent fields as NULL (D1 binds no undefined) and leave them absent when read', () => {
    expect(toRow(minimal)).toMatchObject({ mode: null, context: null, answerable: 0, sources: '[]' });
    const read = fromRow(toRow(minimal))!;
    expect(read).toEqual(minimal);
    expect(Object.keys(read)).not.toContain('mode');
  });

  it('read a row that does not hold a vote as undefined', () => {
    expect(fromRow({ ...toRow(full), sources: 'not json' })).toBeUndefined();
    expect(fromRow({ ...toRow(full), vote: 'meh' })).toBeUndefined();
    expect(fromRow({ ...toRow(full), context: '[1]' })).toBeUndefined();
  });
});

describe('createD1Feedback', () => {
  it('inserts one row per vote and reads them back oldest first, skipping rows that are not votes', async () => {
    const db = fakeD1();
    const store = createD1Feedback(db);
    await store.append(full);
    await store.append(minimal);
    db.rows.push({ ...toRow(full), time: '2026-01-01T00:00:00.000Z', vote: 'edited by hand' });
    expect(db.rows).toHaveLength(3);
    expect(await store.read()).toEqual([minimal, full]);
  });
});

/** Enough of D1 for the store's two statements: rows kept in a list, SELECT sorted by time then insertion. */
function fakeD1(): D1Binding & { rows: FeedbackRow[] } {
  const rows: FeedbackRow[] = [];
  return {
    rows,
    prepare(query) {
      let values: unknown[] = [];
      const statement = {
        bind(...v: unknown[]) {
          values = v;
          return statement;
        },
        async run() {
          const columns = /^INSERT INTO feedback \(([^)]+)\) VALUES/.exec(query)![1]!.split(', ');
          expect(values).toHaveLength(columns.length);
          expect(values).not.toContain(undefined);
          rows.push(Object.fromEntries(columns.map((c, i) => [c, values[i]])) as unknown as FeedbackRow);
        },
        async all<T>() {
          expect(query).toMatch(/^SELECT .* FROM feedback ORDER BY time, id$/);
          return { results: rows.map((row, id) => ({ row, id })).sort((a, b) => a.row.time.localeCompare(b.row.time) || a.id - b.id).map((r) => r.row) as T[] };
        },
      };
      return statement;
    },
  };
}
