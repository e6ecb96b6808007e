import { beforeAll, describe, expect, it } from 'vitest';
import { createCitationList } from '../../../../src/core/answer/citations';
import type { Passage } from '../../../../src/core/answer/llm/passages';
import { createVerifier } from '../../../../src/core/answer/llm/verify';
import { msFor } from '../../../helpers/timing';
import { passageOf, testEngine } from './engine';

describe('createVerifier: every sentence is checked against the passages it cites', () => {
  let passages: Passage[];
  let verifier: () => { verify: (s: string) => string | undefined; cite: ReturnType<typeof createCitationList> };
  beforeAll(async () => {
    const { context } = await testEngine();
    // Numbered as the model saw them: [1] strategy, [2] defeat, [3] a reference entry.
    passages = [await passageOf('tassev-2024-abstract', 'Its strategy'), await passageOf('tassev-2024-abstract', 'The self-proclaimed'), await passageOf('alkhouri-2022')].map((p, i) => ({ ...p, n: i + 1 }));
    verifier = () => {
      const cite = createCitationList();
      return { verify: createVerifier({ passages, support: context.support, cite }), cite };
    };
  });

  it('renumbers citations from 1 in order of first use, each quoting its passage verbatim', () => {
    const { verify, cite } = verifier();
    expect(verify('Alkhouri and Webber (2022) report a new Tajik propaganda network [3].')).toBe('Alkhouri and Webber (2022) report a new Tajik propaganda network [1].');
    expect(verify('ISKP combines media warfare and kinetic action [1].')).toBe('ISKP combines media warfare and kinetic action [2].');
    expect(verify('Its approach interlinks media warfare with kinetic action [1].')).toBe('Its approach interlinks media warfare with kinetic action [2].');
    expect(cite.list().map((c) => [c.n, c.sourceId, c.quote])).toEqual([
      [1, 'alkhouri-2022', 'Islamic State Launches New Tajik Propaganda Network'],
      [2, 'tassev-2024-abstract', 'Its strategy on a regional and international level comprises interlinked media warfare and kinetic action.'],
    ]);
  });

  it('reads [1, 2] and [1][2], keeps only the passages that support the claim, and writes markers before the stop', () => {
    const { verify } = verifier();
    expect(verify('ISIS was defeated in 2019 [1, 2].')).toBe('ISIS was defeated in 2019 [1].');
    expect(verify('ISIS was defeated in 2019, and its branches stay active [2][1].')).toBe('ISIS was defeated in 2019, and its branches stay active [1].');
  });

  it('accepts a sentence that two passages support only together', () => {
    const { verify, cite } = verifier();
    expect(verify('Though defeated in 2019, ISIS has branches whose strategy interlinks media warfare and kinetic action [2][1].')).toBe(
      'Though defeated in 2019, ISIS has branches whose strategy interlinks media warfare and kinetic action [1][2].',
    );
    expect(cite.list()).toHaveLength(2);
  });

  it('drops a marker that points at no passage, and the sentence if nothing else supports it', () => {
    const { verify, cite } = verifier();
    expect(verify('ISKP combines media warfare and kinetic action [7][1].')).toBe('ISKP combines media warfare and kinetic action [1].');
    expect(verify('ISIS was defeated in 2019 [9].')).toBeUndefined();
    expect(cite.list().map((c) => c.n)).toEqual([1]);
  });

  it('drops invented claims, claims cited to the wrong passage and uncited sentences', () => {
    const { verify, cite } = verifier();
    expect(verify('ISKP finances its operations through drug trafficking and kidnapping [1].')).toBeUndefined();
    expect(verify('ISKP interlinks media warfare and kinetic action [2].')).toBeUndefined();
    expect(verify('Alkhouri and Webber (2022) show that ISKP recruits among Tajik migrant workers in Russia [3].')).toBeUndefined();
    expect(verify('ISIS was defeated in 2019.')).toBeUndefined();
    expect(verify('See the sources [1][2].')).toBeUndefined();
    expect(cite.list()).toEqual([]);
  });

  it('takes linear time placing markers after a claim with a long run of stops inside', () => {
    const { verify } = verifier();
    const sentence = `ISKP combines media warfare and kinetic action${'!'.repeat(3000)} too [1].`;
    expect(verify(sentence)).toMatch(/ too \[1\]\.$/);
    expect(msFor(() => verify(sentence))).toBeLessThan(100);
  });
});
