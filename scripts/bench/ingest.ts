/** Ingest of the seed corpus (parse, chunk, embed, write the store) per embedder that can run here. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '../../src/core/embed/embedder';
import { createLexicalEmbedder } from '../../src/core/embed/lexical';
import { ensureIndex } from '../../src/runtime/node/build-index';
import { median, timed } from './stats';

export interface IngestRow {
  embedder: string;
  chunks?: number;
  /** Median full build into an empty folder. */
  ms?: number;
  /** Why there is no figure. */
  note?: string;
}

export async function benchIngest(corpusDir: string, runs: number): Promise<IngestRow[]> {
  const rows = [await measure(createLexicalEmbedder(), corpusDir, runs)];
  const transformers = await loadLocalTransformers();
  rows.push(typeof transformers === 'string' ? { embedder: 'transformers', note: transformers } : await measure(transformers, corpusDir, runs));
  return rows;
}

async function measure(embedder: Embedder, corpusDir: string, runs: number): Promise<IngestRow> {
  const times: number[] = [];
  let chunks = 0;
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'iskp-bench-ingest-'));
    try {
      const { ms, value } = await timed(() => ensureIndex({ corpusDir, dataDir, embedder }));
      times.push(ms);
      chunks = value.stored.data.chunks.length;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { embedder: embedder.model, chunks, ms: median(times) };
}

/** The transformers embedder from files already on disk (MODEL_DIR or the library cache); never downloads. */
async function loadLocalTransformers(): Promise<Embedder | string> {
  try {
    const { createTransformersEmbedder } = await import('../../src/runtime/node/transformers-embedder');
    return await createTransformersEmbedder({ modelDir: process.env.MODEL_DIR, allowRemote: false });
  } catch {
    return 'not measured: no local model (MODEL_DIR unset or without Xenova/all-MiniLM-L6-v2; the bench never downloads)';
  }
}
