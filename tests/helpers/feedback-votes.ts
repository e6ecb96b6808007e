import type { FeedbackRecord } from '../../src/server/feedback/record';

/** Two votes as a store keeps them: a "not helpful" with its Slack context, and a "helpful" on a decline whose question a spreadsheet would run as a formula. */
export const SAMPLE_VOTES: readonly FeedbackRecord[] = [
  {
    time: '2026-12-07T09:00:00.000Z',
    channel: 'slack',
    vote: 'not_helpful',
    user: 'U01',
    question: 'Who leads ISKP?',
    answer: 'I could not find that.',
    sources: ['hamming-2023'],
    answerable: true,
    mode: 'extractive',
    context: { conversation: 'C1', message: '1733562000.000100' },
  },
  { time: '2026-12-08T10:00:00.000Z', channel: 'slack', vote: 'helpful', user: 'U02', question: '=1+1, "really"?', answer: 'Yes.', sources: [], answerable: false, mode: 'llm' },
];
