import { createPronounResolver } from '../corpus/pronouns';
import type { Corpus } from '../corpus/types';
import type { Embedder } from '../embed/embedder';
import type { ThesaurusData } from '../text/thesaurus';
import type { IndexData } from './types';
import { chunkSource, searchText } from './chunk';
import { sha256 } from './content-hash';
import { corpusVocabulary, corpusWords } from './vocabulary';

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
  /** Builds the thesaurus shipped with the index from the corpus vocabulary (a runtime reads the lexical resource); none without it. */
  thesaurus?: (vocabulary: ReadonlySet<string>, words: ReadonlySet<string>) => Promise<ThesaurusData>;
}

/**
 * Chunks, search texts and vectors for a parsed corpus: the runtime-free part of ingest, shared by
 * the Node store (`ensureIndex`) and the Workers snapshot (`scripts/build-worker-index.ts`).
 */
export async function buildIndexData(corpus: Corpus, embedder: Embedder, { known, thesaurus }: BuildIndexDataOptions = {}): Promise<BuiltIndexData> {
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
  const data: IndexData = { embedder: info, sources: corpus.sources, glossary: corpus.glossary, chunks, vectors };
  if (thesaurus) data.thesaurus = await thesaurus(corpusVocabulary(texts, corpus.sources), corpusWords(texts, corpus.sources));
  return { data, hashes, embedded: todo.length };
}
