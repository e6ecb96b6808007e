import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadCorpus } from '../../core/corpus/load-corpus';
import type { Embedder } from '../../core/embed/embedder';
import { decodeSnapshot, encodeSnapshot } from '../../core/ingest/snapshot';
import { hashCorpus, type Log } from './build-index';
import { buildIndexData } from '../../core/ingest/index-data';
import { readCorpusFiles } from './read-corpus';
import { buildWordNetThesaurus } from './wordnet/wordnet-thesaurus';

export interface WriteSnapshotOptions {
  corpusDir: string;
  /** e.g. `dist/worker-index.bin`. */
  out: string;
  embedder: Embedder;
  log?: Log;
}

export interface WriteSnapshotResult {
  written: boolean;
  bytes: number;
  chunks: number;
}

/**
 * Builds the index snapshot the Worker bundles, from the corpus as it is now. An existing snapshot
 * of the same corpus and embedder is kept: `wrangler dev` reruns the build on every source change,
 * and an OpenAI-embedded corpus should not be paid for again.
 */
export async function writeSnapshot({ corpusDir, out, embedder, log = () => {} }: WriteSnapshotOptions): Promise<WriteSnapshotResult> {
  const files = await readCorpusFiles(corpusDir);
  const corpusHash = await hashCorpus(files);
  const current = await readFile(out).then(
    (bytes) => ({ bytes, decoded: safeDecode(bytes) }),
    () => undefined,
  );
  const old = current?.decoded;
  if (old && old.meta.corpusHash === corpusHash && old.data.embedder.model === embedder.model && old.data.embedder.dimension === embedder.dimension) {
    return { written: false, bytes: current.bytes.length, chunks: old.data.chunks.length };
  }
  const corpus = loadCorpus(files);
  for (const e of corpus.errors) log('corpus file skipped', { file: e.file, error: e.message });
  const { data } = await buildIndexData(corpus, embedder, { thesaurus: buildWordNetThesaurus });
  const bytes = encodeSnapshot(data, { corpusHash, builtAt: new Date().toISOString() });
  await mkdir(dirname(out), { recursive: true });
  // Written aside and renamed, so a bundler (or a concurrent build) never sees half a file.
  const tmp = `${out}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, out);
  return { written: true, bytes: bytes.length, chunks: data.chunks.length };
}

function safeDecode(bytes: Uint8Array) {
  try {
    return decodeSnapshot(bytes);
  } catch {
    return undefined;
  }
}
