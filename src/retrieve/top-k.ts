export interface Ranked {
  index: number;
  score: number;
}

/**
 * The k highest scores, best first, skipping entries `keep` rejects or that score <= `min`.
 * A sorted buffer of size k beats sorting all n scores when k is small (it is: 8 to 50).
 */
export function topK(scores: Float32Array, k: number, keep?: (i: number) => boolean, min = -Infinity): Ranked[] {
  const out: Ranked[] = [];
  let floor = min;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s <= floor) continue;
    if (keep && !keep(i)) continue;
    let j = out.length;
    while (j > 0 && out[j - 1]!.score < s) j--;
    out.splice(j, 0, { index: i, score: s });
    if (out.length > k) out.pop();
    if (out.length === k) floor = Math.max(min, out[k - 1]!.score);
  }
  return out;
}
