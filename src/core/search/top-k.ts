/**
 * The indices of the k highest scores, best first, skipping entries `keep` rejects or that score
 * <= `min`. A sorted buffer of size k beats sorting all n scores when k is small (it is: 8 to 50).
 * Equal scores keep index order. Indices alone, not {index, score} pairs: the caller holds the
 * scores, and a pair per candidate was most of what a question's retrieval allocated.
 */
export function topK(scores: Float32Array, k: number, keep?: (i: number) => boolean, min = -Infinity): number[] {
  const out: number[] = [];
  let floor = min;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s <= floor) continue;
    if (keep && !keep(i)) continue;
    // Binary search for the first entry scoring below s: a linear walk from the end made
    // selection quadratic in k whenever scores arrive unsorted, as they do.
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (scores[out[mid]!]! >= s) lo = mid + 1;
      else hi = mid;
    }
    insertAt(out, lo, i, k);
    if (out.length === k) floor = Math.max(min, scores[out[k - 1]!]!);
  }
  return out;
}

/** Inserts `item` at `at`, dropping the last entry past `limit`: splice allocates the array it returns. */
export function insertAt<T>(list: T[], at: number, item: T, limit: number): void {
  let end = list.length;
  if (end < limit) list.push(item);
  else end--;
  for (let j = end; j > at; j--) list[j] = list[j - 1]!;
  list[at] = item;
}
