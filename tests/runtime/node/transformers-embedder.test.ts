import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTinyModel, TINY_HIDDEN_SIZE, TINY_MODEL_NAME } from '../../../scripts/make-tiny-model';
import type { Embedder } from '../../../src/core/embed/embedder';
import { createTransformersEmbedder, type ModelLoadProgress } from '../../../src/runtime/node/transformers-embedder';

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('transformers embedder on a generated tiny BERT', () => {
  let dir: string;
  let embedder: Embedder;
  const events: ModelLoadProgress[] = [];
  const fetchCalls = vi.fn();

  beforeAll(async () => {
    // Any attempt to reach the Hub fails the suite instead of hanging on a network that isn't there.
    vi.stubGlobal('fetch', async (...args: unknown[]) => {
      fetchCalls(...args);
      throw new Error('network disabled in tests');
    });
    dir = await mkdtemp(path.join(tmpdir(), 'tiny-model-'));
    await makeTinyModel(dir);
    embedder = await createTransformersEmbedder({
      model: TINY_MODEL_NAME,
      modelDir: dir,
      allowRemote: false,
      batchSize: 2,
      onProgress: (p) => events.push(p),
    });
  });

  afterAll(async () => {
    vi.unstubAllGlobals();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads from the local folder without touching the network', () => {
    expect(embedder).toMatchObject({ name: 'transformers', model: TINY_MODEL_NAME });
    expect(fetchCalls).not.toHaveBeenCalled();
    const files = events.filter((e) => e.status === 'done').map((e) => e.file);
    expect(files).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'onnx/model_quantized.onnx']));
    expect(events.at(-1)?.status).toBe('ready');
  });

  it('discovers the dimension from the hidden size', () => {
    expect(embedder.dimension).toBe(TINY_HIDDEN_SIZE);
  });

  it('returns unit vectors, one per text, across batch boundaries', async () => {
    const texts = ['hello world', 'the quick brown fox', 'Khorasan', '', 'unknownish wordpieces zzz', 'state'];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(TINY_HIDDEN_SIZE);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    // Each vector matches the text embedded on its own: order kept, padding doesn't leak.
    for (const [i, text] of texts.entries()) {
      const [alone] = await embedder.embed([text]);
      Array.from(alone!).forEach((x, j) => expect(vectors[i]![j]).toBeCloseTo(x, 5));
    }
    expect(await embedder.embed([])).toEqual([]);
  });

  it('gives the same text the same vector and different texts different vectors', async () => {
    const [a, b, c] = await embedder.embed(['islamic state', 'islamic state', 'lazy dog']);
    expect(Array.from(a!)).toEqual(Array.from(b!));
    expect(Array.from(a!)).not.toEqual(Array.from(c!));
  });

  it('loads the unquantized file too', async () => {
    const plain = await createTransformersEmbedder({ model: TINY_MODEL_NAME, modelDir: dir, allowRemote: false, quantized: false });
    expect(plain.dimension).toBe(TINY_HIDDEN_SIZE);
  });

  it('fails clearly when the model is missing and downloads are disabled', async () => {
    await expect(createTransformersEmbedder({ model: 'no-such-model', modelDir: dir, allowRemote: false })).rejects.toThrow(
      /could not load model "no-such-model".*remote downloads disabled.*not found locally/,
    );
    expect(fetchCalls).not.toHaveBeenCalled();
  });

  it('regenerates idempotently without rewriting unchanged files', async () => {
    const onnxFile = path.join(dir, TINY_MODEL_NAME, 'onnx', 'model_quantized.onnx');
    const before = await stat(onnxFile);
    const bytes = await readFile(onnxFile);
    expect(await makeTinyModel(dir)).toBe(path.join(dir, TINY_MODEL_NAME));
    expect((await stat(onnxFile)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(path.join(dir, TINY_MODEL_NAME, 'onnx', 'model.onnx'))).toEqual(bytes);
  });
});
