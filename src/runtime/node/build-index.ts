import { loadCorpus, type CorpusFile } from '../../core/corpus/load-corpus';
import type { Corpus } from '../../core/corpus/types';
import type { Embedder } from '../../core/embed/embedder';
import { readStoredIndex, writeStoredIndex, type StoredIndex } from './vectra-store';
import { sha256 } from '../../core/ingest/content-hash';
import { buildIndexData } from '../../core/ingest/index-data';
import { readCorpusFiles } from './read-corpus';
import { buildWordNetThesaurus } from './wordnet/wordnet-thesaurus';

/**
 * Bump when chunking, search text or what ships with the index changes, so existing indexes count
 * as stale. v3: the WordNet thesaurus (an index without one is rebuilt, its vectors reused); v4: its
 * noun kinds; v5: no links to named people; v6: perception verbs
 * no longer frame; v7: corpus stems read as the corpus's own words; v8: only named people unlinked; v9: rare verbs frame
 * nothing; v10: a corpus word reads as every lemma it starts with; v11: a question word's rarer
 * sense links to what a corpus word means first; v12: derived forms' synonyms link, more weakly; v13:
 * a name that tokenizes to one short token ("IS-K") is matched as written.
 */
const CHUNKER_VERSION = 'chunker-v13';

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

/** Changes whenever a corpus file or the chunker does: an index built for another hash is stale. */
export const hashCorpus = (files: readonly CorpusFile[]) => sha256([CHUNKER_VERSION, ...files.flatMap((f) => [f.name, f.text])].join('\0'));

/** Returns the index for the corpus as it is now: the one on disk when current, else a fresh (incremental) build. */
export async function ensureIndex(opts: IngestOptions): Promise<IngestResult> {
  const log = opts.log ?? (() => {});
  const files = await readCorpusFiles(opts.corpusDir);
  const corpusHash = await hashCorpus(files);
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
  const { embedder, corpus, previous } = o;
  const d = embedder.dimension;
  const known = new Map<string, Float32Array>();
  previous?.hashes.forEach((h, i) => known.set(h, previous.data.vectors.subarray(i * d, (i + 1) * d)));
  const { data, hashes, embedded } = await buildIndexData(corpus, embedder, { known: (h) => known.get(h), thesaurus: buildWordNetThesaurus });
  const stored: StoredIndex = {
    data,
    manifest: { format: 1, embedder: data.embedder, corpusHash: o.corpusHash, builtAt: new Date().toISOString(), glossary: corpus.glossary },
    hashes,
  };
  await writeStoredIndex(o.dataDir, stored);
  const reused = data.chunks.length - embedded;
  o.log('index written', { chunks: data.chunks.length, sources: corpus.sources.length, reused, embedded, embedder: embedder.model });
  return { stored, corpus, reused, embedded, written: true };
}

const isMissing = (err: unknown) => (err as { code?: string })?.code === 'ENOENT';
