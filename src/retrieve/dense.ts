/** Cosine similarity of one unit query vector against every unit row: a dot product per row. */
export function denseScores(vectors: Float32Array, dimension: number, query: Float32Array, out?: Float32Array): Float32Array {
  const n = dimension ? vectors.length / dimension : 0;
  const scores = out ?? new Float32Array(n);
  for (let row = 0, base = 0; row < n; row++, base += dimension) {
    let dot = 0;
    for (let j = 0; j < dimension; j++) dot += vectors[base + j]! * query[j]!;
    scores[row] = dot;
  }
  return scores;
}
