/**
 * Retrieval at 1k, 10k and 100k chunks, side by side with the floor: a brute-force scan that
 * embeds the query, scores every row and sorts them all. Hybrid retrieval does more (aliases,
 * BM25, fusion); the ratio says what that costs. Also index build, store write and load, memory.
 * Indexes are built as the Node server builds them, with the WebAssembly dense-scan kernel.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Embedder } from '../../src/core/embed/embedder';
import { createSearchIndex, type SearchIndex } from '../../src/core/search/search-index';
import { decodeSnapshot, encodeSnapshot } from '../../src/core/ingest/snapshot';
import type { IndexData } from '../../src/core/ingest/types';
import { readStoredIndex, writeStoredIndex } from '../../src/runtime/node/vectra-store';
import type { DenseScan } from '../../src/core/search/dense';
import { retrieve } from '../../src/core/search/retrieve';
import { loadDotProduct } from '../../src/runtime/node/dot-product';
import { QUESTIONS } from './questions';
import { percentile, timed } from './stats';
import { syntheticIndex, syntheticQuestions } from './synthetic-corpus';

export interface RetrievalRow {
  chunks: number;
  /** Which dense-scan kernel retrieval and the floor used (`DenseScan.kernel`). */
  kernel: DenseScan['kernel'];
  /** createSearchIndex: BM25 statistics, source lookups, alias matcher, dense scan set-up. */
  buildMs: number;
  /** Vectors plus what createSearchIndex adds (postings, lengths), after GC; chunk text is shared with the generator and not counted. */
  memoryMB: number;
  /** The vectra store (index.json); undefined where it was not measured (see `storeNote`). */
  store?: { writeMs: number; loadMs: number; megabytes: number };
  storeNote?: string;
  /** The binary snapshot the Workers runtime loads, for comparison: encode and decode. */
  snapshot: { encodeMs: number; decodeMs: number; megabytes: number };
  retrieve: { p50: number; p95: number };
  floor: { p50: number; p95: number };
}

export interface RetrievalOptions {
  sizes: number[];
  /** Passes over the query set per size (the biggest size gets fewer: each pass is slow there). */
  passes: number;
  /** Sizes above this are not written as a vectra store (it takes half a minute at 100k). */
  maxStoreSize: number;
}

export async function benchRetrieval(seed: IndexData, embedder: Embedder, opts: RetrievalOptions): Promise<RetrievalRow[]> {
  const biggest = await syntheticIndex(seed, Math.max(...opts.sizes), embedder);
  const queries = [...QUESTIONS, ...syntheticQuestions(seed, QUESTIONS.length)];
  const dotProduct = loadDotProduct();
  const rows: RetrievalRow[] = [];
  for (const size of opts.sizes) {
    const data = prefix(biggest, size);
    const before = heapBytes();
    const { ms: buildMs, value: index } = await timed(() => createSearchIndex(data, { dotProduct }));
    // What the index adds, plus its vectors counted once: whether it kept data's array (JS scan) or
    // a copy in WebAssembly memory (which Node's arrayBuffers figure leaves out).
    const memoryMB = (heapBytes() - before + index.vectors.byteLength) / 1e6;
    const store = size <= opts.maxStoreSize ? await measureStore(data).catch((err: unknown) => String(err)) : 'not measured in this run';
    const snapshot = await measureSnapshot(data);
    const passes = size >= 100_000 ? Math.max(1, Math.ceil(opts.passes / 3)) : opts.passes;
    const { retrieve: r, floor } = await measureQueries(index, embedder, queries, passes);
    rows.push({
      chunks: size,
      kernel: index.dense.kernel,
      buildMs,
      memoryMB,
      ...(typeof store === 'string' ? { storeNote: store } : { store, storeNote: storeNote(store.megabytes) }),
      snapshot,
      retrieve: { p50: percentile(r, 50), p95: percentile(r, 95) },
      floor: { p50: percentile(floor, 50), p95: percentile(floor, 95) },
    });
  }
  return rows;
}

/** vectra writes and reads index.json as one string, and a V8 string holds at most 2^29 - 24 characters. */
function storeNote(megabytes: number): string | undefined {
  const share = (megabytes * 1e6) / (2 ** 29 - 24);
  return share > 0.5 ? `index.json is ${Math.round(megabytes)} MB, ${Math.round(share * 100)}% of the longest string V8 can hold: vectra cannot store much more` : undefined;
}

/** The first `size` chunks with their sources and vectors, as their own arrays (so memory is theirs). */
function prefix(data: IndexData, size: number): IndexData {
  const chunks = data.chunks.slice(0, size);
  const used = new Set(chunks.map((c) => c.sourceId));
  const d = data.embedder.dimension;
  return { ...data, chunks, sources: data.sources.filter((s) => used.has(s.id)), vectors: data.vectors.slice(0, size * d) };
}

/** Hybrid retrieval and the floor, alternating query by query so both see the same machine. */
async function measureQueries(index: SearchIndex, embedder: Embedder, queries: string[], passes: number) {
  const times = { retrieve: [] as number[], floor: [] as number[] };
  for (let pass = -1; pass < passes; pass++) {
    for (const query of queries) {
      const a = await timed(() => retrieve({ query, index, embedder, topK: 8 }));
      const b = await timed(() => bruteForce(index, embedder, query, 8));
      // Pass -1 warms the JIT and the memos, as a running server would have.
      if (pass >= 0) times.retrieve.push(a.ms), times.floor.push(b.ms);
    }
  }
  return times;
}

/**
 * The least any exact search must do: embed the query, score every row, sort. It uses retrieval's
 * own dense scan (the same kernel), so the ratio is the cost of everything retrieval adds around it.
 */
async function bruteForce(index: SearchIndex, embedder: Embedder, query: string, k: number): Promise<number[]> {
  const [vector] = await embedder.embed([query]);
  const scores = index.dense.scores(vector!);
  const order = new Uint32Array(scores.length).map((_, i) => i);
  order.sort((a, b) => scores[b]! - scores[a]!);
  return Array.from(order.subarray(0, k));
}

async function measureStore(data: IndexData) {
  const dir = mkdtempSync(join(tmpdir(), 'iskp-bench-store-'));
  try {
    const stored = {
      data,
      manifest: { format: 1 as const, embedder: data.embedder, corpusHash: 'bench', builtAt: new Date().toISOString(), glossary: data.glossary },
      hashes: data.chunks.map((c) => c.id),
    };
    const write = await timed(() => writeStoredIndex(dir, stored));
    const load = await timed(() => readStoredIndex(dir));
    if (load.value.data.chunks.length !== data.chunks.length) throw new Error('store round trip lost chunks');
    return { writeMs: write.ms, loadMs: load.ms, megabytes: statSync(join(write.value, 'index.json')).size / 1e6 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureSnapshot(data: IndexData) {
  const encode = await timed(() => encodeSnapshot(data));
  const decode = await timed(() => decodeSnapshot(encode.value));
  return { encodeMs: encode.ms, decodeMs: decode.ms, megabytes: encode.value.byteLength / 1e6 };
}

// Memory is read after a full GC, or the figure is mostly garbage not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapBytes(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
