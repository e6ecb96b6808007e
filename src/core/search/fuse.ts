import { insertAt } from './top-k';

/** A fused candidate: the row's index and its fused score (order only). */
export interface Ranked {
  index: number;
  score: number;
}

/**
 * Reciprocal rank fusion of short rankings (a ranker's top few dozen indices, best first, as
 * `topK` gives them; it scans rather than hashes): each list contributes 1 / (k + rank). Ranks,
 * not raw scores, so BM25's unbounded scores and cosine similarities combine without
 * calibration. k = 60 is the value from the original paper (Cormack et al., 2009) and is
 * insensitive in practice.
 */
export function reciprocalRankFusion(lists: readonly (readonly number[])[], { k = 60, limit = Infinity } = {}): Ranked[] {
  // Parallel arrays and a scan, not a Map: rankings are a ranker's top few dozen, and a Map
  // rehashed its way up to them on every question (most of what fusion allocated).
  const indices: number[] = [];
  const scores: number[] = [];
  for (const list of lists) {
    for (let rank = 0; rank < list.length; rank++) {
      const at = indices.indexOf(list[rank]!);
      const score = 1 / (k + rank + 1);
      if (at < 0) {
        indices.push(list[rank]!);
        scores.push(score);
      } else scores[at]! += score;
    }
  }
  // The best `limit`, best first (ties by index): kept sorted as they come, since a caller wants
  // the top few of a hundred candidates and sorting them all cost more than the fusion.
  const out: Ranked[] = [];
  for (let c = 0; c < indices.length; c++) {
    const index = indices[c]!;
    const score = scores[c]!;
    let at = out.length;
    while (at > 0 && ranksAbove(score, index, out[at - 1]!)) at--;
    if (at < limit) insertAt(out, at, { index, score }, limit);
  }
  return out;
}

const ranksAbove = (score: number, index: number, other: Ranked) => score > other.score || (score === other.score && index < other.index);
