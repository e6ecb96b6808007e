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
