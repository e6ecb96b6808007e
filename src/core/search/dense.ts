/**
 * Dense retrieval's scan: the cosine similarity of a unit query vector with every unit row of the
 * index, which for unit vectors is a dot product per row. It is most of retrieval's time, so where
 * the runtime allows it a WebAssembly SIMD kernel (dot-product.wat) does it, several times faster
 * than JS; `denseScores` is the JS kernel, the fallback and the definition both must agree with.
 */

/** The scan over one index's vectors, set up once at load (see `createDenseScan`). */
export interface DenseScan {
  /** Which kernel scores: the WebAssembly SIMD one, or `denseScores`. */
  readonly kernel: 'wasm-simd' | 'js';
  /** The rows scanned, row-major. With the wasm kernel, a view into its memory: the only copy the index needs. */
  readonly vectors: Float32Array;
  /**
   * The query's score against every row, written into `out` (one float a row) when given, else
   * into a fresh array; either way the caller's to keep, as a later call never overwrites it.
   */
  scores(query: Float32Array, out?: Float32Array): Float32Array;
}

/** WebAssembly memory comes in pages of 64 KiB. */
const WASM_PAGE = 65_536;
const FLOAT = Float32Array.BYTES_PER_ELEMENT;

/**
 * Scans `vectors` (row-major, `dimension` floats a row) with the WebAssembly kernel when given its
 * compiled module (`dot-product.wasm`; each runtime loads it its own way) and `dimension` is a
 * multiple of 8, as the kernel requires; otherwise, or when instantiating it fails (no memory that
 * large, a module without the kernel), with the JS kernel. Both give the same scores to about 1e-7.
 * (A runtime without SIMD rejects the module earlier, when compiling it; Node 20 and workerd have it.)
 */
export function createDenseScan(vectors: Float32Array, dimension: number, dotProduct?: WebAssembly.Module): DenseScan {
  const rows = dimension ? vectors.length / dimension : 0;
  if (!Number.isInteger(rows)) throw new Error(`${vectors.length} floats are not whole rows of ${dimension}`);
  if (dotProduct && dimension % 8 === 0 && rows > 0) {
    try {
      return wasmScan(vectors, dimension, rows, dotProduct);
    } catch {
      // Same scores, only slower: not worth failing the load over.
    }
  }
  return {
    kernel: 'js',
    vectors,
    scores: (query, out) => denseScores(vectors, dimension, checked(query, dimension), out),
  };
}

function wasmScan(vectors: Float32Array, dimension: number, rows: number, dotProduct: WebAssembly.Module): DenseScan {
  // One memory holding everything the kernel touches, laid out as dot-product.wat describes:
  // [vectors][query][scores], byte offsets below. Sized once and never grown, because growing
  // would detach memory.buffer and with it every view taken here.
  const queryAt = vectors.length * FLOAT;
  const scoresAt = queryAt + dimension * FLOAT;
  const pages = Math.ceil((scoresAt + rows * FLOAT) / WASM_PAGE);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const instance = new WebAssembly.Instance(dotProduct, { env: { memory } });
  const kernel = instance.exports.scores as (row: number, rows: number, dim: number, query: number, out: number) => void;
  if (typeof kernel !== 'function') throw new TypeError('module exports no scores kernel');
  // The vectors are copied in once; the index then keeps this view instead of its own array.
  const inMemory = new Float32Array(memory.buffer, 0, vectors.length);
  inMemory.set(vectors);
  const queryIn = new Float32Array(memory.buffer, queryAt, dimension);
  const scoresOut = new Float32Array(memory.buffer, scoresAt, rows);
  return {
    kernel: 'wasm-simd',
    vectors: inMemory,
    scores(query, out) {
      queryIn.set(checked(query, dimension));
      kernel(0, rows, dimension, queryAt, scoresAt);
      // A copy: the next query overwrites scoresOut, and a caller may still be reading these.
      if (!out) return scoresOut.slice();
      out.set(scoresOut);
      return out;
    },
  };
}

function checked(query: Float32Array, dimension: number): Float32Array {
  if (query.length !== dimension) throw new RangeError(`query has ${query.length} dimensions, the index ${dimension}`);
  return query;
}

/** Cosine similarity of one unit query vector against every unit row: a dot product per row. The JS kernel. */
export function denseScores(vectors: Float32Array, dimension: number, query: Float32Array, scores?: Float32Array): Float32Array {
  const n = dimension ? vectors.length / dimension : 0;
  scores ??= new Float32Array(n);
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
