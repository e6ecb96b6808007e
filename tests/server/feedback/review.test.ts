import { describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../../src/server/feedback/record';
import { reviewFeedback } from '../../../src/server/feedback/review';

let n = 0;
/** One vote; by default a not-helpful extractive answer from Slack, voted on the 7th of December 2026. */
const vote = (over: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  time: '2026-12-07T09:00:00.000Z',
  channel: 'slack',
  vote: 'not_helpful',
  user: `U${++n}`,
  question: 'Who leads ISKP?',
  answer: 'An answer.',
  sources: [],
  answerable: true,
  mode: 'extractive',
  ...over,
});

describe('reviewFeedback()', () => {
  it('with no votes, counts nothing and rates nothing', () => {
    expect(reviewFeedback([])).toEqual({
      total: 0,
      helpful: 0,
      notHelpful: 0,
      helpfulRate: null,
      firstVoteAt: null,
      lastVoteAt: null,
      overTime: [],
      byMode: [],
      byOutcome: [],
      mostNotHelpful: [],
    });
  });

  it('counts the votes, rates them to 3 decimals, and names the first and last times as recorded', () => {
    const review = reviewFeedback([
      vote({ time: '2026-12-08T10:00:00.000Z', vote: 'helpful' }),
      vote({ time: '2026-12-07T09:00:00.000Z' }),
      vote({ time: '2026-12-07T23:30:00-02:00' }),
    ]);
    expect(review).toMatchObject({ total: 3, helpful: 1, notHelpful: 2, helpfulRate: 0.333, firstVoteAt: '2026-12-07T09:00:00.000Z', lastVoteAt: '2026-12-08T10:00:00.000Z' });
  });

  it('counts votes per UTC day, oldest first, listing only days with votes', () => {
    const { overTime } = reviewFeedback([
      vote({ time: '2026-12-09T08:00:00.000Z', vote: 'helpful' }),
      // 01:30 UTC on the 10th.
      vote({ time: '2026-12-09T23:30:00-02:00' }),
      vote({ time: '2026-12-07T09:00:00.000Z' }),
      vote({ time: '2026-12-07T18:00:00.000Z', vote: 'helpful' }),
    ]);
    expect(overTime).toEqual([
      { day: '2026-12-07', helpful: 1, notHelpful: 1 },
      { day: '2026-12-09', helpful: 1, notHelpful: 0 },
      { day: '2026-12-10', helpful: 0, notHelpful: 1 },
    ]);
  });

  it('leaves a vote whose time does not parse out of the dates, but counts it', () => {
    const review = reviewFeedback([vote({ time: 'yesterday' }), vote({ time: '2026-12-07T09:00:00.000Z', vote: 'helpful' })]);
    expect(review).toMatchObject({ total: 2, firstVoteAt: '2026-12-07T09:00:00.000Z', lastVoteAt: '2026-12-07T09:00:00.000Z', overTime: [{ day: '2026-12-07', helpful: 1, notHelpful: 0 }] });
  });

  it('rates answers by how they were made (a vote from before the mode was recorded is unknown) and by whether the bot answered', () => {
    const review = reviewFeedback([
      vote({ mode: 'llm', vote: 'helpful' }),
      vote({ mode: undefined }),
      vote({ mode: 'extractive', vote: 'helpful' }),
      vote({ mode: 'extractive' }),
      vote({ mode: 'extractive', answerable: false }),
    ]);
    expect(review.byMode).toEqual([
      { mode: 'extractive', votes: 3, helpful: 1, notHelpful: 2, helpfulRate: 0.333 },
      { mode: 'llm', votes: 1, helpful: 1, notHelpful: 0, helpfulRate: 1 },
      { mode: 'unknown', votes: 1, helpful: 0, notHelpful: 1, helpfulRate: 0 },
    ]);
    expect(review.byOutcome).toEqual([
      { outcome: 'answered', votes: 4, helpful: 2, notHelpful: 2, helpfulRate: 0.5 },
      { outcome: 'declined', votes: 1, helpful: 0, notHelpful: 1, helpfulRate: 0 },
    ]);
  });

  describe('mostNotHelpful', () => {
    it('groups a question however it was typed, shows it as first typed with the latest answer, and counts both kinds of vote', () => {
      const { mostNotHelpful } = reviewFeedback([
        vote({ time: '2026-12-08T09:00:00.000Z', question: '  who LEADS   iskp ', answer: 'The second answer.' }),
        vote({ time: '2026-12-07T09:00:00.000Z', question: 'Who leads ISKP?', answer: 'The first answer.' }),
        vote({ time: '2026-12-09T09:00:00.000Z', question: 'Who leads\nISKP ?!', answer: 'The latest answer.', vote: 'helpful' }),
      ]);
      expect(mostNotHelpful).toEqual([{ question: 'Who leads ISKP?', notHelpful: 2, helpful: 1, lastVoteAt: '2026-12-09T09:00:00.000Z', answer: 'The latest answer.', sources: [] }]);
    });

    it('lists only questions voted not helpful at least once', () => {
      const { mostNotHelpful } = reviewFeedback([vote({ question: 'Liked?', vote: 'helpful' }), vote({ question: 'Disliked?' })]);
      expect(mostNotHelpful.map((q) => q.question)).toEqual(['Disliked?']);
    });

    it('puts the most not-helpful first, then the most recently voted on, and keeps at most `top`', () => {
      const records = [
        vote({ question: 'Old, once?', time: '2026-12-01T00:00:00.000Z' }),
        vote({ question: 'Twice?', time: '2026-12-02T00:00:00.000Z' }),
        vote({ question: 'Twice?', time: '2026-12-03T00:00:00.000Z' }),
        vote({ question: 'Recent, once?', time: '2026-12-05T00:00:00.000Z' }),
        // Helpful votes count as recent activity, not as failures.
        vote({ question: 'Old, once?', time: '2026-12-06T00:00:00.000Z', vote: 'helpful' }),
        vote({ question: 'Older, once?', time: '2026-11-01T00:00:00.000Z' }),
      ];
      expect(reviewFeedback(records).mostNotHelpful.map((q) => q.question)).toEqual(['Twice?', 'Old, once?', 'Recent, once?', 'Older, once?']);
      expect(reviewFeedback(records, { top: 2 }).mostNotHelpful.map((q) => q.question)).toEqual(['Twice?', 'Old, once?']);
    });

    it('lists ten questions by default', () => {
      const records = Array.from({ length: 12 }, (_, i) => vote({ question: `Question ${i}?` }));
      expect(reviewFeedback(records).mostNotHelpful).toHaveLength(10);
    });

    it('lists the sources the not-helpful answers cited, most cited first, with their titles when known', () => {
      const titles: Record<string, string> = { 'hamming-2023': 'The General Directorate of Provinces' };
      const { mostNotHelpful } = reviewFeedback(
        [
          vote({ sources: ['tassev-2024', 'hamming-2023'] }),
          // A source cited twice by one answer is one vote for it.
          vote({ sources: ['hamming-2023', 'hamming-2023'] }),
          // A helpful answer's sources are not the problem.
          vote({ sources: ['webber-2023'], vote: 'helpful' }),
        ],
        { titleOf: (id) => titles[id] },
      );
      expect(mostNotHelpful[0]!.sources).toEqual([
        { id: 'hamming-2023', title: 'The General Directorate of Provinces', votes: 2 },
        { id: 'tassev-2024', votes: 1 },
      ]);
      expect(Object.keys(mostNotHelpful[0]!.sources[1]!)).not.toContain('title');
    });
  });

  it('counts a person’s changed mind on one answer once, as their last vote (Slack sends every toggle)', () => {
    const on = (message: string, user: string, verdict: FeedbackRecord['vote'], time: string) => vote({ user, vote: verdict, time, context: { conversation: 'D1', message } });
    const review = reviewFeedback([
      on('1.1', 'U1', 'helpful', '2026-12-07T09:00:00.000Z'),
      on('1.1', 'U1', 'not_helpful', '2026-12-07T09:00:05.000Z'),
      on('1.1', 'U2', 'helpful', '2026-12-07T09:01:00.000Z'),
      on('2.2', 'U1', 'helpful', '2026-12-07T09:02:00.000Z'),
      // Without a message to tie it to, a vote stands on its own.
      vote({ user: 'U1', vote: 'helpful', time: '2026-12-07T09:03:00.000Z' }),
      vote({ user: 'U1', vote: 'helpful', time: '2026-12-07T09:04:00.000Z' }),
    ]);
    expect(review).toMatchObject({ total: 5, helpful: 4, notHelpful: 1 });
  });

  it('is plain JSON: it survives a round trip unchanged', () => {
    const review = reviewFeedback([vote({ sources: ['a'] }), vote({ vote: 'helpful', mode: 'llm', answerable: false })], { titleOf: () => 'T' });
    expect(JSON.parse(JSON.stringify(review))).toEqual(review);
  });
});
