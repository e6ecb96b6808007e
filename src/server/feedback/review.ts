import type { FeedbackRecord } from './record';

/** How many votes a group of answers got, and what share of them said helpful. */
export interface VoteCounts {
  /** Votes in the group; never 0 (a group without votes is left out). */
  votes: number;
  helpful: number;
  notHelpful: number;
  /** `helpful / votes`, rounded to 3 decimals. */
  helpfulRate: number;
}

/** Votes cast on one UTC day. */
export interface DayVotes {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  helpful: number;
  notHelpful: number;
}

/** How an answer was made; `unknown` for votes cast before the mode was recorded. */
export type ReviewMode = 'extractive' | 'llm' | 'unknown';

/** Whether the bot answered (`answerable: true`) or declined. */
export type ReviewOutcome = 'answered' | 'declined';

/** The votes on answers made one way. */
export interface ModeVotes extends VoteCounts {
  mode: ReviewMode;
}

/** The votes on answers with one outcome. */
export interface OutcomeVotes extends VoteCounts {
  outcome: ReviewOutcome;
}

/** A source cited by the answers to a question that were voted not helpful. */
export interface FailingSource {
  id: string;
  /** The source's title, when known (the index is loaded, or the CLI read the corpus). */
  title?: string;
  /** How many of the question's not-helpful votes were on an answer citing it. */
  votes: number;
}

/** A question some voters found the answer to unhelpful. */
export interface FailingQuestion {
  /** The question as first typed; later votes on it may differ in case, spacing or trailing punctuation. */
  question: string;
  notHelpful: number;
  helpful: number;
  /** The time of the latest vote on the question, as recorded. */
  lastVoteAt: string;
  /** The answer as shown with the latest vote (possibly shortened, as the channel carried it). */
  answer: string;
  /** Every source the not-helpful answers cited, most often cited first. */
  sources: FailingSource[];
}

/**
 * What users thought of the answers (`GET /api/feedback`, `npm run feedback -- --json`): a public
 * contract, plain JSON. Add fields, never rename them.
 */
export interface FeedbackReview {
  /** Votes in all, a person's changed mind on one answer counting once (their last vote). */
  total: number;
  helpful: number;
  notHelpful: number;
  /** `helpful / total`, rounded to 3 decimals; null when there are no votes. */
  helpfulRate: number | null;
  /** The earliest vote's time as recorded; null when there are none. */
  firstVoteAt: string | null;
  /** The latest vote's time as recorded; null when there are none. */
  lastVoteAt: string | null;
  /** Votes per UTC day, oldest first; only days with votes. */
  overTime: DayVotes[];
  /** By how the answer was made: extractive, llm, then unknown; only modes with votes. */
  byMode: ModeVotes[];
  /** Answered, then declined; only outcomes with votes. */
  byOutcome: OutcomeVotes[];
  /**
   * Questions with at least one not-helpful vote, the most not-helpful first, then the most
   * recently voted on; at most `top`. Questions are the same whatever their case, spacing or
   * trailing punctuation.
   */
  mostNotHelpful: FailingQuestion[];
}

export interface ReviewOptions {
  /** A source's title by its id; undefined when unknown (the id alone is then shown). */
  titleOf?: (id: string) => string | undefined;
  /** How many questions `mostNotHelpful` lists at most. */
  top?: number;
}

const MODES: readonly ReviewMode[] = ['extractive', 'llm', 'unknown'];
const OUTCOMES: readonly ReviewOutcome[] = ['answered', 'declined'];

/** Sums up votes into the review a maintainer reads to learn which questions the bot fails. */
export function reviewFeedback(records: readonly FeedbackRecord[], { titleOf = () => undefined, top = 10 }: ReviewOptions = {}): FeedbackReview {
  // Oldest first whatever order the store kept, so "first typed" and "latest" mean what they say.
  const votes = latestPerVoter(records.map((record) => ({ record, at: timeOf(record.time) })).sort((a, b) => a.at - b.at));
  const helpful = votes.filter((v) => v.record.vote === 'helpful').length;
  const dated = votes.filter((v) => Number.isFinite(v.at));
  return {
    total: votes.length,
    helpful,
    notHelpful: votes.length - helpful,
    helpfulRate: votes.length ? rate(helpful, votes.length) : null,
    firstVoteAt: dated[0]?.record.time ?? null,
    lastVoteAt: dated.at(-1)?.record.time ?? null,
    overTime: perDay(dated),
    byMode: MODES.flatMap((mode) => countsOf(votes.filter((v) => (v.record.mode ?? 'unknown') === mode).map((v) => v.record)).map((counts) => ({ mode, ...counts }))),
    byOutcome: OUTCOMES.flatMap((outcome) =>
      countsOf(votes.filter((v) => v.record.answerable === (outcome === 'answered')).map((v) => v.record)).map((counts) => ({ outcome, ...counts })),
    ),
    mostNotHelpful: failingQuestions(votes, titleOf).slice(0, Math.max(0, top)),
  };
}

/** The same question however it was typed: case, runs of spaces, trailing punctuation ("What is ISKP ?"). */
function questionKey(question: string): string {
  const text = question.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  // Walked back one character at a time: a regex anchored at the end would rescan a long run of punctuation from every start.
  let end = text.length;
  while (end > 0 && /[\s\p{P}]/u.test(text[end - 1]!)) end--;
  return text.slice(0, end).trim();
}

type Vote = { record: FeedbackRecord; at: number };

/**
 * One vote per person per answer: the last. Slack's feedback buttons send every toggle (helpful,
 * then not, then helpful again), and the stores only append, so a changed mind is a later record
 * on the same message. A record that names no message is a vote of its own.
 */
function latestPerVoter(votes: readonly Vote[]): Vote[] {
  const latest = new Map<string, number>();
  const keyOf = ({ record }: Vote) => (record.context?.message ? JSON.stringify([record.channel, record.user, record.context.conversation ?? '', record.context.message]) : undefined);
  votes.forEach((vote, i) => {
    const key = keyOf(vote);
    if (key !== undefined) latest.set(key, i);
  });
  return votes.filter((vote, i) => {
    const key = keyOf(vote);
    return key === undefined || latest.get(key) === i;
  });
}

/** Milliseconds since the epoch; a time that does not parse sorts first and is left out of the dates. */
const timeOf = (time: string) => {
  const at = Date.parse(time);
  return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
};

const rate = (helpful: number, total: number) => Math.round((helpful / total) * 1000) / 1000;

/** The counts of a non-empty group, as a list of one; an empty group, none. */
function countsOf(records: readonly FeedbackRecord[]): VoteCounts[] {
  if (!records.length) return [];
  const helpful = records.filter((r) => r.vote === 'helpful').length;
  return [{ votes: records.length, helpful, notHelpful: records.length - helpful, helpfulRate: rate(helpful, records.length) }];
}

function perDay(votes: readonly Vote[]): DayVotes[] {
  const days = new Map<string, DayVotes>();
  for (const { record, at } of votes) {
    const day = new Date(at).toISOString().slice(0, 10);
    let counts = days.get(day);
    if (!counts) days.set(day, (counts = { day, helpful: 0, notHelpful: 0 }));
    if (record.vote === 'helpful') counts.helpful++;
    else counts.notHelpful++;
  }
  // Votes come oldest first, so the days do too.
  return [...days.values()];
}

function failingQuestions(votes: readonly Vote[], titleOf: (id: string) => string | undefined): FailingQuestion[] {
  const groups = new Map<string, Vote[]>();
  for (const vote of votes) {
    const key = questionKey(vote.record.question);
    const group = groups.get(key);
    if (group) group.push(vote);
    else groups.set(key, [vote]);
  }
  const failing: { at: number; question: FailingQuestion }[] = [];
  for (const group of groups.values()) {
    const notHelpful = group.filter((v) => v.record.vote === 'not_helpful').map((v) => v.record);
    if (!notHelpful.length) continue;
    const last = group.at(-1)!;
    failing.push({
      at: last.at,
      question: {
        question: group[0]!.record.question,
        notHelpful: notHelpful.length,
        helpful: group.length - notHelpful.length,
        lastVoteAt: last.record.time,
        answer: last.record.answer,
        sources: citedBy(notHelpful, titleOf),
      },
    });
  }
  return failing.sort((a, b) => b.question.notHelpful - a.question.notHelpful || b.at - a.at).map(({ question }) => question);
}

/** Each source the votes' answers cited, with how many of those answers cited it; most first, then first cited. */
function citedBy(records: readonly FeedbackRecord[], titleOf: (id: string) => string | undefined): FailingSource[] {
  const counts = new Map<string, number>();
  for (const record of records) for (const id of new Set(record.sources)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([id, votes]) => {
      const title = titleOf(id);
      return title === undefined ? { id, votes } : { id, title, votes };
    });
}
