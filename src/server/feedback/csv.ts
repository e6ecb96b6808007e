import type { FeedbackRecord } from './record';

/** The columns, in order: the record's fields, then the channel context that traces a vote to its message. */
export const FEEDBACK_CSV_COLUMNS = ['time', 'channel', 'vote', 'mode', 'answerable', 'user', 'question', 'answer', 'sources', 'conversation', 'message'] as const;

/** Every vote as CSV (RFC 4180: CRLF line ends, quoted where needed), a header row first, for a spreadsheet. */
export function feedbackCsv(records: readonly FeedbackRecord[]): string {
  const rows = records.map((r) => [r.time, r.channel, r.vote, r.mode ?? '', String(r.answerable), r.user, r.question, r.answer, r.sources.join(' '), r.context?.conversation ?? '', r.context?.message ?? '']);
  return [FEEDBACK_CSV_COLUMNS, ...rows].map((row) => `${row.map(cell).join(',')}\r\n`).join('');
}

/**
 * One field. Users type the questions, and a spreadsheet runs a cell that starts with `=`, `+`,
 * `-` or `@` as a formula (a tab or CR can hide such a start): those get a leading `'`, which
 * spreadsheets read as "text". Then quoted when it holds a quote, a comma or a line break.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
