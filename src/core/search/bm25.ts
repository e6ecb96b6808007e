/**
 * Okapi BM25 over pre-tokenised documents. Statistics (postings, lengths, idf) are built once per
 * index; a query touches only the postings of its own terms.
 */
export interface Bm25 {
  readonly size: number;
  /**
   * Adds each distinct query term's score, times `weight`, into `out` (a fresh array when absent):
   * every document that shares a term with the query gets a score, the others stay 0. Called
   * again on the same `out` with a lower weight, it ranks expansion terms below the user's own.
   */
  score(queryTerms: readonly string[], weight?: number, out?: Float32Array): Float32Array;
}

interface Posting {
  docs: Uint32Array;
  tfs: Float32Array;
  idf: number;
}

export function createBm25(docs: string[][], { k1 = 1.2, b = 0.75 } = {}): Bm25 {
  const n = docs.length;
  const lengths = new Float32Array(n);
  const building = new Map<string, { docs: number[]; tfs: number[] }>();
  let total = 0;
  docs.forEach((terms, d) => {
    lengths[d] = terms.length;
    total += terms.length;
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, c] of counts) {
      let p = building.get(t);
      if (!p) building.set(t, (p = { docs: [], tfs: [] }));
      p.docs.push(d);
      p.tfs.push(c);
    }
  });
  const avgdl = n ? total / n : 1;
  // Length normalisation folded into a per-document constant, so scoring is one multiply-add.
  const norm = new Float32Array(n);
  for (let d = 0; d < n; d++) norm[d] = k1 * (1 - b + (b * lengths[d]!) / avgdl);

  const postings = new Map<string, Posting>();
  for (const [t, p] of building) {
    const df = p.docs.length;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    postings.set(t, { docs: Uint32Array.from(p.docs), tfs: Float32Array.from(p.tfs), idf });
  }

  return {
    size: n,
    score(queryTerms, weight = 1, out = new Float32Array(n)) {
      for (const t of new Set(queryTerms)) {
        const p = postings.get(t);
        if (!p) continue;
        const { docs: ds, tfs } = p;
        const idf = p.idf * weight;
        for (let i = 0; i < ds.length; i++) {
          const d = ds[i]!;
          const tf = tfs[i]!;
          out[d]! += (idf * tf * (k1 + 1)) / (tf + norm[d]!);
        }
      }
      return out;
    },
  };
}
