import { createPronounResolver } from '../corpus/pronouns';
import type { Corpus } from '../corpus/types';
import type { Embedder } from '../embed/embedder';
import type { IndexData } from './types';
import { chunkSource, searchText } from './chunk';
import { sha256 } from './content-hash';

const EMBED_BATCH = 64;

export interface BuiltIndexData {
  data: IndexData;
  /** Content hash of each chunk's embedded text (model included), by chunk position. */
  hashes: string[];
  /** Chunks that needed the embedder; the rest reused a known vector. */
  embedded: number;
}

export interface BuildIndexDataOptions {
  /** Vectors already computed for a content hash (a previous build), so only changed chunks are embedded. */
  known?: (hash: string) => Float32Array | undefined;
}

/**
 * Chunks, search texts and vectors for a parsed corpus: the runtime-free part of ingest, shared by
 * the Node store (`ensureIndex`) and the Workers snapshot (`scripts/build-worker-index.ts`).
 */
export async function buildIndexData(corpus: Corpus, embedder: Embedder, { known }: BuildIndexDataOptions = {}): Promise<BuiltIndexData> {
  const sourceById = new Map(corpus.sources.map((s) => [s.id, s]));
  const chunks = corpus.sources.flatMap(chunkSource);
  const resolve = createPronounResolver(corpus.glossary);
  const texts = chunks.map((c) => searchText(c, sourceById.get(c.sourceId)!, resolve));
  const hashes = await Promise.all(texts.map((t) => sha256(`${embedder.model}\n${t}`)));

  const d = embedder.dimension;
  const vectors = new Float32Array(chunks.length * d);
  const todo: number[] = [];
  hashes.forEach((h, i) => {
    const v = known?.(h);
    if (v) vectors.set(v, i * d);
    else todo.push(i);
  });
  for (let b = 0; b < todo.length; b += EMBED_BATCH) {
    const batch = todo.slice(b, b + EMBED_BATCH);
    const out = await embedder.embed(batch.map((i) => texts[i]!));
    batch.forEach((i, j) => vectors.set(out[j]!, i * d));
  }

  const info = { name: embedder.name, model: embedder.model, dimension: d };
  return { data: { embedder: info, sources: corpus.sources, glossary: corpus.glossary, chunks, vectors }, hashes, embedded: todo.length };
}
