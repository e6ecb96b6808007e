import { beforeAll, describe, expect, it } from 'vitest';
import { createBm25 } from '../../../src/core/search/bm25';
import { reciprocalRankFusion } from '../../../src/core/search/fuse';
import { retrieve } from '../../../src/core/search/retrieve';
import { topK } from '../../../src/core/search/top-k';
import { loadTestEngine } from '../../helpers/engine';

describe('retrieve()', () => {
  let engine: Awaited<ReturnType<typeof loadTestEngine>>;
  const ids = async (query: string, opts: Partial<Parameters<typeof retrieve>[0]> = {}) =>
    (await retrieve({ query, index: engine.index, embedder: engine.embedder, topK: 5, ...opts })).map((h) => h.source.id);
  beforeAll(async () => {
    engine = await loadTestEngine();
  });

  it('finds the reference that names the outlet and the topic', async () => {
    expect((await ids('Kabul checkpoint bomb blast'))[0]).toBe('cbs-2023');
  });

  it('finds the same passage whatever name the user gives the group', async () => {
    for (const name of ['ISKP', 'ISIS-K', 'IS-K', 'Daesh Khorasan', 'Islamic State Khorasan Province']) {
      const hits = await retrieve({ query: `${name} strategy`, index: engine.index, embedder: engine.embedder, topK: 5 });
      expect(hits.map((h) => h.chunk.text), name).toContain('Its strategy on a regional and international level comprises interlinked media warfare and kinetic action.');
    }
  });

  it('filters by kind, year, author and publisher', async () => {
    expect(new Set(await ids('Islamic State', { filter: { kind: ['reference'], yearFrom: 2022, yearTo: 2022 } }))).toEqual(new Set(['alkhouri-2022', 'loveluck-2022', 'sayed-2022']));
    expect(await ids('Afghanistan', { filter: { author: 'jadoon' } })).toEqual(expect.arrayContaining(['jadoon-2018', 'jadoon-2023']));
    expect(new Set(await ids('Islamic State', { filter: { publisher: 'washington post' } }))).toEqual(new Set(['loveluck-2019', 'loveluck-2022']));
  });

  it('refuses to query an index built by another embedder', async () => {
    const other = { ...engine.embedder, model: 'something-else' };
    await expect(retrieve({ query: 'ISKP', index: engine.index, embedder: other })).rejects.toThrow(/built with/);
  });
});

describe('createBm25()', () => {
  it('ranks the document with the rarer shared term first and ignores unknown terms', () => {
    const bm25 = createBm25([['isis', 'caliphate'], ['isis', 'kabul'], ['isis']]);
    const scores = bm25.score(['kabul', 'isis', 'nowhere']);
    expect(topK(scores, 3)[0]).toBe(1);
    expect(scores[0]).toBeGreaterThan(0);
  });

  it('weights expansion terms down, adding them to the scores of the query', () => {
    const bm25 = createBm25([['alpha'], ['beta'], ['gamma']]);
    const scores = bm25.score(['alpha']);
    expect(bm25.score(['beta'], 0.3, scores)).toBe(scores);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[1]).toBeGreaterThan(0);
    expect(scores[2]).toBe(0);
  });
});

describe('reciprocalRankFusion()', () => {
  it('favours what both rankers agree on over what one ranks first', () => {
    const fused = reciprocalRankFusion([
      [7, 2],
      [3, 2],
    ]);
    expect(fused[0]!.index).toBe(2);
  });

  it('keeps the best `limit`, breaking ties by index, as a full sort would', () => {
    const lists = [
      [5, 9, 1, 4],
      [9, 5, 4, 7],
    ];
    const all = reciprocalRankFusion(lists);
    expect(all.map((r) => r.index)).toEqual([5, 9, 4, 1, 7]);
    expect(reciprocalRankFusion(lists, { limit: 3 })).toEqual(all.slice(0, 3));
    expect(reciprocalRankFusion(lists, { limit: 0 })).toEqual([]);
  });
});

describe('topK()', () => {
  it('returns the k best, best first, honouring a filter and a floor', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.5, 0.7, 0]);
    expect(topK(scores, 2)).toEqual([1, 3]);
    expect(topK(scores, 2, (i) => i !== 1)).toEqual([3, 2]);
    expect(topK(scores, 9, undefined, 0)).toEqual([1, 3, 2, 0]);
  });
});
