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

  describe('yes/no questions about a record', () => {
    const ask = (question: string) => answerBibliographic(question, bibliography, createCitationList());

    it('says no to a wrong year and gives the true one', () => {
      expect(ask("Was Ashraf's report published in 2019?")).toMatch(/^No\. .*published in 2017 \[1\]\.$/);
    });

    it('says yes to the right year, of a work named by its title', () => {
      expect(ask('Was the report on the Islamic State threat in Pakistan published in 2023?')).toMatch(/^Yes\. “The Islamic State Threat in Pakistan.*2023 \[1\]\.$/);
    });

    it('checks the outlet of a work named by title, author or as the paper', () => {
      expect(ask('Was Prison Break published in the Washington Post?')).toMatch(/^Yes\. .*Washington Post \[1\]\.$/);
      expect(ask("Was Hamming's article published in the CTC Sentinel?")).toMatch(/^Yes\. Hamming \(2023\)/);
      expect(ask('Was the paper published in the CTC Sentinel?')).toMatch(/^No\. It appeared in the Asian Journal/);
    });

    it('checks the author named against the work the title names, and the paper’s own author', () => {
      expect(ask('Did Hamming write The Enduring Duel?')).toMatch(/^No\. “The Enduring Duel.*” is by Jadoon, A\./);
      expect(ask('Did Jadoon write The Enduring Duel?')).toMatch(/^Yes\. /);
      expect(ask('Did Tassev write the paper?')).toMatch(/^Yes\. The paper was written by I\. V\. Tassev/);
      expect(ask('Did Hamming write the paper?')).toMatch(/^No\. The paper was written by I\. V\. Tassev/);
    });

    it('checks the editors when the question asks who edited', () => {
      expect(ask("Was Jadoon's 2018 chapter edited by Jadoon?")).toMatch(/^Yes\. .*edited by Jadoon, A\./);
    });

    it('says whether the bibliography holds such works, then lists them or says there are none', () => {
      expect(ask('Does the paper cite any work by Ashraf?')).toMatch(/^Yes\. One of the 24 references is by Ashraf:/);
      expect(ask('Are any of the references from 2016?')).toBe("No. None of the 24 references in the paper's bibliography is from 2016.");
    });

    it('takes linear time on a 2,000-character yes/no question naming many authors and years', () => {
      for (const question of [`Was ${'Ashraf '.repeat(280)}published in 2019?`, `Did ${'Hamming 2019 '.repeat(150)}write the paper?`]) {
        expect(msFor(() => ask(question.slice(0, 2000))), question.slice(0, 12)).toBeLessThan(100);
      }
    });

    it('gives no verdict to a question that is not yes/no, nor to one about an event rather than a work', () => {
      expect(ask('When was Ashraf’s report published?')).not.toMatch(/^(Yes|No)\b/);
      expect(ask('Was ISIS defeated in 2019?')).toBeUndefined();
    });
  });
});
