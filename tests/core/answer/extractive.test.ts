import { describe, expect, it } from 'vitest';
import type { Source } from '../../../src/core/corpus/types';
import { createCitationList } from '../../../src/core/answer/citations';
import { composeAnswer } from '../../../src/core/answer/extractive';
import type { Hit } from '../../../src/core/search/retrieve';
import { msFor } from '../../helpers/timing';

const source = (kind: Source['kind'], text: string): Source => ({
  id: `${kind}-1`,
  kind,
  title: kind === 'reference' ? text : 'A paper',
  authors: ['Tassev, I. V.'],
  editors: [],
  year: 2024,
  container: null,
  volume: null,
  issue: null,
  pages: null,
  publisher: null,
  text,
});
const hit = (kind: Source['kind'], text: string): Hit => ({ source: source(kind, text), chunk: { id: 'c', sourceId: `${kind}-1`, text, offset: 0 }, score: 1, dense: 1, denseLift: 0, bm25: 1 });

describe('composeAnswer', () => {
  it('takes linear time dropping a sentence’s or title’s final stops, however long their run', () => {
    for (const text of [`${'.'.repeat(4000)}x`, `${' '.repeat(4000)}x`, `${'\u00a0'.repeat(4000)}x`]) {
      for (const kind of ['abstract', 'reference'] as const) {
        const compose = () => composeAnswer([hit(kind, text)], { resolve: (_source, _offset, sentence) => sentence }, createCitationList());
        expect(compose()).toContain(`${text.slice(-4)}`);
        expect(msFor(compose), `${kind} ${JSON.stringify(text.slice(0, 4))}`).toBeLessThan(100);
      }
    }
  });
});
