/** One small interface for every way of turning text into vectors. */
export interface Embedder {
  /** `lexical`, `transformers` or `openai`. */
  readonly name: string;
  /** Model id (or a version tag for `lexical`); the index records it and rebuilds when it changes. */
  readonly model: string;
  readonly dimension: number;
  /**
   * Unit-length vectors, one per text, in order. Each a fresh array the caller owns (retrieval
   * blends the alias vector into the query's in place): an embedder that caches vectors must hand
   * out copies.
   */
  embed(texts: string[]): Promise<Float32Array[]>;
}

/**
 * Whether an embedder's vectors carry meaning (a sentence model's do), so a passage close to a
 * question in them is evidence even without the question's words; the lexical embedder hashes the
 * words themselves, and its closeness is no more than word overlap.
 */
export const embedsMeaning = (embedder: { name: string }): boolean => embedder.name !== 'lexical';
