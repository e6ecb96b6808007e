import { describe, expect, it } from 'vitest';
import { asksForOverview } from '../../../src/core/answer/overview';
import { createSupportScorer } from '../../../src/core/answer/support';
import { createTermModel } from '../../../src/core/answer/terms';

const { focusTerms } = createSupportScorer(createTermModel([], ['ISIS is not functioning anymore as a state.']));

describe('asksForOverview', () => {
  it('takes requests for the gist of the paper, however they are put', () => {
    for (const q of ['What is this paper about?', 'What does the abstract say?', 'Could you summarize the abstract?', 'Is there a summary?']) {
      expect(asksForOverview(q, focusTerms), q).toBe(true);
    }
  });

  it('leaves a yes/no question about a claim in the abstract to be settled by the sentence that makes it', () => {
    expect(asksForOverview('Does the abstract say ISIS still functions as a state?', focusTerms)).toBe(false);
  });
});
