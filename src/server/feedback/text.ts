import type { FeedbackReview, VoteCounts } from './review';

/** Characters of an answer shown under its question: enough to recognise it, one line in a wide terminal. */
const ANSWER_CHARS = 160;

/** The review as plain text for a terminal (`npm run feedback`): totals, days, rates, the failing questions. */
export function feedbackText(review: FeedbackReview): string {
  if (!review.total) return 'No votes yet.\n';
  const blocks = [
    [
      `${plural(review.total, 'vote')}: ${review.helpful} helpful, ${review.notHelpful} not helpful (${percent(review.helpfulRate)} helpful).`,
      `First ${when(review.firstVoteAt)}, last ${when(review.lastVoteAt)}.`,
    ],
    ['Votes per day (UTC)', ...table(['Day', 'Helpful', 'Not helpful'], review.overTime.map((d) => [d.day, String(d.helpful), String(d.notHelpful)]))],
    ['Helpful rate by mode', ...table(['Mode', ...COUNT_HEADINGS], review.byMode.map((m) => [m.mode, ...countCells(m)]))],
    ['Helpful rate by outcome', ...table(['Outcome', ...COUNT_HEADINGS], review.byOutcome.map((o) => [o.outcome, ...countCells(o)]))],
    [`Questions with the most "not helpful" votes`, ...(review.mostNotHelpful.length ? failingLines(review) : ['  None: every vote was helpful.'])],
  ];
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

const COUNT_HEADINGS = ['Votes', 'Helpful', 'Not helpful', 'Helpful rate'];
const countCells = (c: VoteCounts) => [String(c.votes), String(c.helpful), String(c.notHelpful), percent(c.helpfulRate)];

function failingLines({ mostNotHelpful }: FeedbackReview): string[] {
  const number = (i: number) => `${i + 1}.`.padStart(String(mostNotHelpful.length).length + 1);
  return mostNotHelpful.flatMap((q, i) => {
    const indent = ' '.repeat(number(i).length + 3);
    return [
      `  ${number(i)} ${oneLine(q.question)}`,
      `${indent}${q.notHelpful} not helpful, ${q.helpful} helpful; last vote ${when(q.lastVoteAt)}`,
      `${indent}Answer: ${shorten(oneLine(q.answer), ANSWER_CHARS)}`,
      ...(q.sources.length
        ? [`${indent}Cited by those answers (votes):`, ...table([], q.sources.map((s) => [String(s.votes), s.id, s.title ?? '']), `${indent}  `)]
        : [`${indent}Cited no sources.`]),
    ];
  });
}

/**
 * Rows as aligned columns, two spaces apart: the first column left-aligned, numbers (any column
 * after it whose cells all are) right-aligned. With headings, they are the first row.
 */
function table(headings: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const all = headings.length ? [headings, ...rows] : rows;
  const widths = all[0]?.map((_, i) => Math.max(...all.map((row) => row[i]!.length))) ?? [];
  const numeric = widths.map((_, i) => rows.every((row) => /^[\d.]+%?$/.test(row[i]!)));
  return all.map((row) => `${indent}${row.map((text, i) => (numeric[i] ? text.padStart(widths[i]!) : i === row.length - 1 ? text : text.padEnd(widths[i]!))).join('  ')}`.trimEnd());
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const percent = (rate: number | null) => (rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`);
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** An ISO time as `2026-12-07 09:30 UTC`; anything else as recorded. */
function when(time: string | null): string {
  const at = time === null ? Number.NaN : Date.parse(time);
  return Number.isNaN(at) ? (time ?? 'unknown') : `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
