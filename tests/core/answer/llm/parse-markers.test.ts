import { describe, expect, it } from 'vitest';
import { parseMarkers } from '../../../../src/core/answer/llm/parse-markers';
import { msFor } from '../../../helpers/timing';

describe('parseMarkers', () => {
  it('reads single, adjacent, listed and ranged markers, in order of first mention', () => {
    expect(parseMarkers('ISKP uses media warfare [2].')).toEqual({ text: 'ISKP uses media warfare.', numbers: [2] });
    expect(parseMarkers('It is reorganizing [3][1].').numbers).toEqual([3, 1]);
    expect(parseMarkers('It is reorganizing [1, 2].').numbers).toEqual([1, 2]);
    expect(parseMarkers('It is reorganizing [1; 4] and [2-4].').numbers).toEqual([1, 4, 2, 3]);
    expect(parseMarkers('It is reorganizing [1 and 2].').numbers).toEqual([1, 2]);
  });

  it('accepts the wordier forms some models write', () => {
    expect(parseMarkers('A claim [Passage 2].')).toEqual({ text: 'A claim.', numbers: [2] });
    expect(parseMarkers('A claim [source 5].').numbers).toEqual([5]);
  });

  it('leaves brackets that are not markers as text', () => {
    expect(parseMarkers('The paper [S.l.] appeared in v. 6 [sic].')).toEqual({ text: 'The paper [S.l.] appeared in v. 6 [sic].', numbers: [] });
  });

  it('ignores absurd ranges and repeats', () => {
    expect(parseMarkers('A claim [1-500].').numbers).toEqual([]);
    expect(parseMarkers('A claim [2] again [2].').numbers).toEqual([2]);
  });

  it('takes linear time on long runs of spaces, with or without a marker after them', () => {
    for (const sentence of [`${' '.repeat(4000)}x`, `${'\u00a0'.repeat(4000)}x`, `A claim${' '.repeat(4000)}[note].`, `A claim [1${' '.repeat(4000)}- 2].`]) {
      expect(msFor(() => parseMarkers(sentence)), JSON.stringify(sentence.slice(-6))).toBeLessThan(100);
    }
  });
});
