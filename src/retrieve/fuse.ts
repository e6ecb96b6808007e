import { insertAt, type Ranked } from './top-k';

/**
 * Reciprocal rank fusion of rankings (indices, best first, as `topK` gives them): each list
 * contributes 1 / (k + rank). Ranks, not raw scores, so BM25's unbounded scores and cosine
 * similarities combine without calibration. k = 60 is the value from the original paper
 * (Cormack et al., 2009) and is insensitive in practice.
 */
export function reciprocalRankFusion(lists: readonly (readonly number[])[], { k = 60, limit = Infinity } = {}): Ranked[] {
  const fused = new Map<number, number>();
  lists.forEach((list, l) => {
    for (let rank = 0; rank < list.length; rank++) {
      const i = list[rank]!;
      // A list names each index once, so the first list needs no lookup.
      fused.set(i, (l === 0 ? 0 : (fused.get(i) ?? 0)) + 1 / (k + rank + 1));
    }
  });
  // The best `limit`, best first (ties by index): kept sorted as they come, since a caller wants
  // the top few of a hundred candidates and sorting them all cost more than the fusion.
  const out: Ranked[] = [];
  fused.forEach((score, index) => {
    let at = out.length;
    while (at > 0 && ranksAbove(score, index, out[at - 1]!)) at--;
    if (at < limit) insertAt(out, at, { index, score }, limit);
  });
  return out;
}

const ranksAbove = (score: number, index: number, other: Ranked) => score > other.score || (score === other.score && index < other.index);
