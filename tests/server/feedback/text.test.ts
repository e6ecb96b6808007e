import { describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../../src/server/feedback/record';
import { reviewFeedback } from '../../../src/server/feedback/review';
import { feedbackText } from '../../../src/server/feedback/text';

const vote = (over: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  time: '2026-12-07T09:00:00.000Z',
  channel: 'slack',
  vote: 'not_helpful',
  user: 'U1',
  question: 'Who leads ISKP?',
  answer: 'I could not find that in the sources.',
  sources: [],
  answerable: true,
  mode: 'extractive',
  ...over,
});

describe('feedbackText()', () => {
  it('says so when there are no votes', () => {
    expect(feedbackText(reviewFeedback([]))).toBe('No votes yet.\n');
  });

  it('reports totals, votes per day, rates by mode and outcome, and the failing questions with their sources, aligned', () => {
    const review = reviewFeedback(
      [
        vote({ sources: ['hamming-2023', 'tassev-2024'] }),
        vote({ time: '2026-12-07T10:15:00.000Z', question: 'who leads iskp', sources: ['hamming-2023'], answer: `${'Long answer. '.repeat(20)}End.` }),
        vote({ time: '2026-12-08T08:00:00.000Z', vote: 'helpful', mode: 'llm', answerable: false, question: 'What is ISKP?' }),
      ],
      { titleOf: (id) => (id === 'hamming-2023' ? 'The General Directorate of Provinces' : undefined) },
    );
    const text = feedbackText(review);
    expect(text).toContain('3 votes: 1 helpful, 2 not helpful (33.3% helpful).\nFirst 2026-12-07 09:00 UTC, last 2026-12-08 08:00 UTC.');
    expect(text).toContain(['Votes per day (UTC)', '  Day         Helpful  Not helpful', '  2026-12-07        0            2', '  2026-12-08        1            0'].join('\n'));
    expect(text).toContain(
      ['Helpful rate by mode', '  Mode        Votes  Helpful  Not helpful  Helpful rate', '  extractive      2        0            2          0.0%', '  llm             1        1            0        100.0%'].join('\n'),
    );
    expect(text).toContain(['Helpful rate by outcome', '  Outcome   Votes  Helpful  Not helpful  Helpful rate', '  answered      2        0            2          0.0%', '  declined      1        1            0        100.0%'].join('\n'));
    expect(text).toContain(
      [
        'Questions with the most "not helpful" votes',
        '  1. Who leads ISKP?',
        '     2 not helpful, 0 helpful; last vote 2026-12-07 10:15 UTC',
        `     Answer: ${'Long answer. '.repeat(12)}Lon…`,
        '     Cited by those answers (votes):',
        '       2  hamming-2023  The General Directorate of Provinces',
        '       1  tassev-2024',
      ].join('\n'),
    );
    expect(text.split('\n').every((line) => line === line.trimEnd())).toBe(true);
  });

  it('says when no question was voted not helpful', () => {
    expect(feedbackText(reviewFeedback([vote({ vote: 'helpful' })]))).toContain('Questions with the most "not helpful" votes\n  None: every vote was helpful.\n');
  });
});
