import { describe, expect, it } from 'vitest';
import type { Source } from '../../../src/core/corpus/types';
import { corpusVocabulary } from '../../../src/core/ingest/vocabulary';
import { tokenize } from '../../../src/core/text/tokenize';

const source: Source = {
  id: 'jadoon-2018',
  kind: 'reference',
  title: 'Allied & Lethal: Islamic State Khorasan',
  authors: ['Jadoon, A.'],
  editors: ['Nobody, E.'],
  year: 2018,
  container: 'CTC Sentinel',
  volume: null,
  issue: null,
  pages: null,
  publisher: 'Combating Terrorism Center',
  text: 'Jadoon, A. (2018). Allied & Lethal.',
};

describe('corpusVocabulary()', () => {
  it("holds the stems of the search texts and of each source's title, authors and outlets", () => {
    const stems = corpusVocabulary(['The branches were defeated.'], [source]);
    for (const word of ['branches', 'defeated', 'allied', 'lethal', 'khorasan', 'jadoon', 'sentinel', 'combating', 'terrorism', 'center']) {
      expect(stems, word).toContain(tokenize(word)[0]);
    }
    expect(stems).not.toContain('the');
    // Editors are not searched.
    expect(stems).not.toContain(tokenize('nobody')[0]);
  });
});
