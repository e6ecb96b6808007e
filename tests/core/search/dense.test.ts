import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileDotProduct, DOT_PRODUCT_WASM } from '../../../scripts/build-wasm';
import { seededRandom } from '../../../scripts/lib/seeded-random';
import { createDenseScan, denseScores } from '../../../src/core/search/dense';
import { loadDotProduct } from '../../../src/runtime/node/dot-product';

/** `rows` seeded random unit vectors of `dimension` floats, row-major. */
function unitVectors(rows: number, dimension: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(rows * dimension);
  for (let r = 0; r < rows; r++) {
    const row = out.subarray(r * dimension, (r + 1) * dimension);
    for (let j = 0; j < dimension; j++) row[j] = random() * 2 - 1;
    const norm = Math.hypot(...row);
    for (let j = 0; j < dimension; j++) row[j]! /= norm;
  }
  return out;
}

const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((max, x, i) => Math.max(max, Math.abs(x - b[i]!)), 0);

describe('createDenseScan()', () => {
  const dotProduct = loadDotProduct();

  describe.each([256, 384])('at %i dimensions, with the WebAssembly module', (dimension) => {
    it.each([1, 7, 1000])('scores %i rows as the JS kernel does, within 1e-5', (rows) => {
      const vectors = unitVectors(rows, dimension, rows);
      const scan = createDenseScan(vectors, dimension, dotProduct);
      expect(scan.kernel).toBe('wasm-simd');
      for (const seed of [1, 2, 3]) {
        const query = unitVectors(1, dimension, 1000 + seed);
        const scores = scan.scores(query);
        expect(scores).toHaveLength(rows);
        expect(maxDifference(scores, denseScores(vectors, dimension, query))).toBeLessThan(1e-5);
      }
    });
  });

  it('scores a row against itself as 1, and holds the vectors once, in its own memory', () => {
    const vectors = unitVectors(9, 256, 5);
    const scan = createDenseScan(vectors, 256, dotProduct);
    expect(scan.vectors).toEqual(vectors);
    expect(scan.vectors.buffer).not.toBe(vectors.buffer);
    expect(scan.scores(vectors.subarray(3 * 256, 4 * 256))[3]).toBeCloseTo(1, 5);
  });

  it('returns scores that a later query does not overwrite', () => {
    const vectors = unitVectors(50, 256, 7);
    for (const scan of [createDenseScan(vectors, 256, dotProduct), createDenseScan(vectors, 256)]) {
      const first = scan.scores(unitVectors(1, 256, 8));
      const copy = first.slice();
      scan.scores(unitVectors(1, 256, 9));
      expect(first, scan.kernel).toEqual(copy);
    }
  });

  it('writes the scores into the array it is given, leaving the rest of its buffer alone', () => {
    const vectors = unitVectors(50, 256, 7);
    const query = unitVectors(1, 256, 8);
    for (const scan of [createDenseScan(vectors, 256, dotProduct), createDenseScan(vectors, 256)]) {
      const buffer = new Float32Array(60).fill(-2);
      const out = buffer.subarray(5, 55);
      expect(scan.scores(query, out), scan.kernel).toBe(out);
      expect(out, scan.kernel).toEqual(scan.scores(query));
      expect([...buffer.subarray(0, 5), ...buffer.subarray(55)], scan.kernel).toEqual(Array(10).fill(-2));
    }
  });

  it('uses the JS kernel, on the vectors it was given, without the module', () => {
    const vectors = unitVectors(7, 256, 11);
    const scan = createDenseScan(vectors, 256);
    expect(scan.kernel).toBe('js');
    expect(scan.vectors).toBe(vectors);
    const query = unitVectors(1, 256, 12);
    expect(scan.scores(query)).toEqual(denseScores(vectors, 256, query));
  });

  it('uses the JS kernel when the dimension is not a multiple of 8, which the wasm kernel needs', () => {
    const vectors = unitVectors(7, 100, 13);
    const scan = createDenseScan(vectors, 100, dotProduct);
    expect(scan.kernel).toBe('js');
    const query = unitVectors(1, 100, 14);
    expect(scan.scores(query)).toEqual(denseScores(vectors, 100, query));
  });

  it('uses the JS kernel for an index with no rows', () => {
    const scan = createDenseScan(new Float32Array(0), 256, dotProduct);
    expect(scan.kernel).toBe('js');
    expect(scan.scores(unitVectors(1, 256, 15))).toHaveLength(0);
  });

  it('falls back to the JS kernel when the module cannot serve (here: one without the kernel)', () => {
    const empty = new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    expect(createDenseScan(unitVectors(7, 256, 16), 256, empty).kernel).toBe('js');
  });

  it('refuses a query of another dimension than the index', () => {
    const vectors = unitVectors(3, 256, 17);
    for (const scan of [createDenseScan(vectors, 256, dotProduct), createDenseScan(vectors, 256)]) {
      expect(() => scan.scores(new Float32Array(128)), scan.kernel).toThrow(RangeError);
    }
  });
});

describe('denseScores()', () => {
  it('is the plain dot product of the query with each row, bit for bit', () => {
    const dimension = 384;
    const vectors = unitVectors(11, dimension, 21);
    const query = unitVectors(1, dimension, 22);
    const expected = Float32Array.from({ length: 11 }, (_, r) => {
      let dot = 0;
      for (let j = 0; j < dimension; j++) dot += vectors[r * dimension + j]! * query[j]!;
      return dot;
    });
    expect(denseScores(vectors, dimension, query)).toEqual(expected);
  });
});

describe('dot-product.wasm', () => {
  it('is what dot-product.wat compiles to today (after editing the .wat, run npm run build:wasm)', async () => {
    expect(Buffer.from(await compileDotProduct()).equals(readFileSync(DOT_PRODUCT_WASM))).toBe(true);
  });
});
