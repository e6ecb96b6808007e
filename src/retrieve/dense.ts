/** Cosine similarity of one unit query vector against every unit row: a dot product per row. */
export function denseScores(vectors: Float32Array, dimension: number, query: Float32Array, out?: Float32Array): Float32Array {
  const n = dimension ? vectors.length / dimension : 0;
  const scores = out ?? new Float32Array(n);
  let row = 0;
  // Four rows at a time: each query value is read once for four products, and the four sums are
  // independent, so the CPU overlaps them instead of waiting on one running sum. Each row is
  // still summed in order, so the scores are bit for bit those of the one-row loop below.
  for (; row + 3 < n; row += 4) {
    const b0 = row * dimension;
    const b1 = b0 + dimension;
    const b2 = b1 + dimension;
    const b3 = b2 + dimension;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < dimension; j++) {
      const q = query[j]!;
      s0 += vectors[b0 + j]! * q;
      s1 += vectors[b1 + j]! * q;
      s2 += vectors[b2 + j]! * q;
      s3 += vectors[b3 + j]! * q;
    }
    scores[row] = s0;
    scores[row + 1] = s1;
    scores[row + 2] = s2;
    scores[row + 3] = s3;
  }
  for (; row < n; row++) {
    const base = row * dimension;
    let dot = 0;
    for (let j = 0; j < dimension; j++) dot += vectors[base + j]! * query[j]!;
    scores[row] = dot;
  }
  return scores;
}
