import { beforeAll, describe, expect, it } from 'vitest';
import { answerBibliographic, type BibliographyContext } from '../../../src/core/answer/bibliographic';
import { createCitationList } from '../../../src/core/answer/citations';
import { createAnswerContext } from '../../../src/core/answer/context';
import { loadTestEngine } from '../../helpers/engine';
import { msFor } from '../../helpers/timing';

describe('answerBibliographic', () => {
  let bibliography: BibliographyContext;
  beforeAll(async () => {
    const { index } = await loadTestEngine();
    const { terms, support } = createAnswerContext(index);
    bibliography = { sources: index.sources, terms, support };
  });

  it('takes linear time on a 2,000-character question that is "authors" and a long run of spaces', () => {
    expect(answerBibliographic(`  the authors ${'\u00a0'.repeat(5)}? `, bibliography, createCitationList())).toContain('The paper was written by');
    for (const question of [`authors${' '.repeat(1992)}x`, `Authors${'\u00a0'.repeat(1992)}?x`, `the authors${' '.repeat(1975)}which sources?`]) {
      expect(msFor(() => answerBibliographic(question, bibliography, createCitationList())), JSON.stringify(question.slice(-6))).toBeLessThan(100);
    }
  });
});
