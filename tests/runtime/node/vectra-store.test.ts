import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IndexTooLargeError, readStoredIndex, writeStoredIndex, type StoredIndex } from '../../../src/runtime/node/vectra-store';

const DIMENSION = 8;

/** Float32 values that are hard to write short: powers of ten and their neighbours, extremes, subnormals. */
function awkwardFloats(): Float32Array {
  const values: number[] = [0.1, 1, -1, 3.4028234e38, -1.1754944e-38, 1.4e-45, 5e-40, 1 / 3, -2 / 3, Math.PI / 4];
  const bits = new Uint32Array(1);
  const float = new Float32Array(bits.buffer);
  for (let e = -30; e <= 30; e++) {
    float[0] = Number(`1e${e}`);
    const nearest = bits[0]!;
    // The float32 nearest the power of ten, and the ones just below and above it.
    for (const step of [-1, 0, 1]) {
      bits[0] = nearest + step;
      values.push(float[0]!, -float[0]!);
    }
  }
  // And a spread of ordinary unit-vector components, seeded so a failure reproduces.
  let seed = 42;
  while (values.length % DIMENSION !== 0 || values.length < 2_000) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    values.push((seed / 2 ** 32 - 0.5) * 0.4);
  }
  return Float32Array.from(values);
}

function storedIndex(vectors: Float32Array, text = (i: number) => `chunk ${i}`): StoredIndex {
  const chunks = Array.from({ length: vectors.length / DIMENSION }, (_, i) => ({ id: `c${i}`, sourceId: 's', offset: i, text: text(i) }));
  const embedder = { name: 'test', model: 'test-8', dimension: DIMENSION };
  return {
    data: { embedder, sources: [], glossary: [], chunks, vectors },
    manifest: { format: 1, embedder, corpusHash: 'h', builtAt: '2024-01-01T00:00:00.000Z', glossary: [] },
    hashes: chunks.map((c) => `hash-${c.id}`),
  };
}

describe('writeStoredIndex() and readStoredIndex()', () => {
  const vectors = awkwardFloats();
  const stored = storedIndex(vectors);
  let dataDir: string;
  let folder: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'iskp-store-'));
    folder = await writeStoredIndex(dataDir, stored);
  });

  it('reads back every vector bit for bit, chunks and content hashes with them', async () => {
    const back = await readStoredIndex(dataDir);
    expect(Buffer.from(back.data.vectors.buffer)).toEqual(Buffer.from(vectors.buffer));
    expect(back.data.chunks).toEqual(stored.data.chunks);
    expect(back.hashes).toEqual(stored.hashes);
  });

  it('writes each vector component in at most the 9 significant digits a float32 needs', () => {
    const index = readFileSync(join(folder, 'index.json'), 'utf8');
    const components = [...index.matchAll(/"vector":\[([^\]]*)\]/g)].flatMap((m) => m[1]!.split(','));
    expect(components).toHaveLength(vectors.length);
    // Significant digits: no sign, exponent or point, no zeros leading or trailing (1.00000002e+20 is written out whole).
    const digits = (n: string) => n.replace(/^-|e.*$/g, '').replace('.', '').replace(/^0+|0+$/g, '').length;
    const longest = components.reduce((a, b) => (digits(b) > digits(a) ? b : a));
    expect(digits(longest), longest).toBeLessThanOrEqual(9);
  });

  it('refuses a corpus too large for one index file with a clear error, and keeps the live index', async () => {
    // 600 chunks of 1 MB each (one string, shared): index.json would pass V8's 2^29-character limit.
    const page = 'x'.repeat(2 ** 20);
    const huge = storedIndex(new Float32Array(600 * DIMENSION).fill(0.5), () => page);
    const error = await writeStoredIndex(dataDir, huge).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(IndexTooLargeError);
    expect((error as Error).message).toMatch(/600 chunks, more than one vectra index file can hold/);
    expect((await readStoredIndex(dataDir)).data.chunks).toEqual(stored.data.chunks);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('index-'))).toEqual([basename(folder)]);
  }, 60_000);
});
