import type { Ranked } from './top-k';

/**
 * Reciprocal rank fusion: each list contributes 1 / (k + rank). Ranks, not raw scores, so
 * BM25's unbounded scores and cosine similarities combine without calibration. k = 60 is the
 * value from the original paper (Cormack et al., 2009) and is insensitive in practice.
 */
export function reciprocalRankFusion(lists: Ranked[][], k = 60): Ranked[] {
  const fused = new Map<number, number>();
  for (const list of lists) {
    for (let rank = 0; rank < list.length; rank++) {
      const i = list[rank]!.index;
      fused.set(i, (fused.get(i) ?? 0) + 1 / (k + rank + 1));
    }
  }
  const out: Ranked[] = [];
  for (const [index, score] of fused) out.push({ index, score });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}
