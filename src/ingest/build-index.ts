import { loadCorpus } from '../corpus/load-corpus';
import { createPronounResolver } from '../corpus/pronouns';
import type { Corpus } from '../corpus/types';
import type { Embedder } from '../embed/embedder';
import { readStoredIndex, writeStoredIndex, type StoredIndex } from '../index/vectra-store';
import { chunkSource, searchText } from './chunk';
import { sha256 } from './content-hash';
import { readCorpusFiles } from './read-corpus';

/** Bump when chunking or search text changes, so existing indexes count as stale. */
const CHUNKER_VERSION = 'chunker-v2';
const EMBED_BATCH = 64;

export type Log = (msg: string, fields?: Record<string, unknown>) => void;

export interface IngestOptions {
  corpusDir: string;
  dataDir: string;
  embedder: Embedder;
  log?: Log;
}

export interface IngestResult {
  stored: StoredIndex;
  corpus: Corpus;
  /** Chunks whose vectors were reused from the previous index (same text, same model). */
  reused: number;
  embedded: number;
  /** False when the index on disk was already up to date and nothing was written. */
  written: boolean;
}

/** Returns the index for the corpus as it is now: the one on disk when current, else a fresh (incremental) build. */
export async function ensureIndex(opts: IngestOptions): Promise<IngestResult> {
  const log = opts.log ?? (() => {});
  const files = await readCorpusFiles(opts.corpusDir);
  const corpusHash = await sha256([CHUNKER_VERSION, ...files.flatMap((f) => [f.name, f.text])].join('\0'));
  const previous = await readStoredIndex(opts.dataDir).catch((err: unknown) => {
    if (!isMissing(err)) log('index unreadable, rebuilding from corpus', { error: String(err) });
    return undefined;
  });
  const sameEmbedder = previous?.manifest.embedder.model === opts.embedder.model && previous.manifest.embedder.dimension === opts.embedder.dimension;
  const corpus = loadCorpus(files);
  for (const e of corpus.errors) log('corpus file skipped', { file: e.file, error: e.message });
  if (previous && sameEmbedder && previous.manifest.corpusHash === corpusHash) {
    return { stored: previous, corpus, reused: previous.hashes.length, embedded: 0, written: false };
  }
  if (previous && !sameEmbedder) log('index was built by another embedder, rebuilding', { was: previous.manifest.embedder, now: opts.embedder.model });
  return build({ ...opts, corpus, corpusHash, previous: sameEmbedder ? previous : undefined, log });
}

async function build(o: IngestOptions & { corpus: Corpus; corpusHash: string; previous?: StoredIndex; log: Log }): Promise<IngestResult> {
  const { embedder, corpus } = o;
  const sourceById = new Map(corpus.sources.map((s) => [s.id, s]));
  const chunks = corpus.sources.flatMap(chunkSource);
  const resolve = createPronounResolver(corpus.glossary);
  const texts = chunks.map((c) => searchText(c, sourceById.get(c.sourceId)!, resolve));
  const hashes = await Promise.all(texts.map((t) => sha256(`${embedder.model}\n${t}`)));

  const d = embedder.dimension;
  const vectors = new Float32Array(chunks.length * d);
  const known = new Map<string, Float32Array>();
  o.previous?.hashes.forEach((h, i) => known.set(h, o.previous!.data.vectors.subarray(i * d, (i + 1) * d)));
  const todo: number[] = [];
  hashes.forEach((h, i) => {
    const v = known.get(h);
    if (v) vectors.set(v, i * d);
    else todo.push(i);
  });
  for (let b = 0; b < todo.length; b += EMBED_BATCH) {
    const batch = todo.slice(b, b + EMBED_BATCH);
    const out = await embedder.embed(batch.map((i) => texts[i]!));
    batch.forEach((i, j) => vectors.set(out[j]!, i * d));
  }

  const info = { name: embedder.name, model: embedder.model, dimension: d };
  const stored: StoredIndex = {
    data: { embedder: info, sources: corpus.sources, glossary: corpus.glossary, chunks, vectors },
    manifest: { format: 1, embedder: info, corpusHash: o.corpusHash, builtAt: new Date().toISOString(), glossary: corpus.glossary },
    hashes,
  };
  await writeStoredIndex(o.dataDir, stored);
  o.log('index written', { chunks: chunks.length, sources: corpus.sources.length, reused: chunks.length - todo.length, embedded: todo.length, embedder: embedder.model });
  return { stored, corpus, reused: chunks.length - todo.length, embedded: todo.length, written: true };
}

const isMissing = (err: unknown) => (err as { code?: string })?.code === 'ENOENT';
