import { createAliasExpander } from '../corpus/glossary';
import { createPronounResolver } from '../corpus/pronouns';
import type { Source } from '../corpus/types';
import { createThesaurus, type Thesaurus } from '../text/thesaurus';
import { tokenize } from '../text/tokenize';
import { searchText } from '../ingest/chunk';
import { createBm25, type Bm25 } from './bm25';
import { createDenseScan, type DenseScan } from './dense';
import type { IndexData } from '../ingest/types';

/** IndexData plus everything derived from it once at load, so no query repeats that work. */
export interface SearchIndex extends IndexData {
  sourceById: Map<string, Source>;
  /** The source of each chunk, by chunk position. */
  chunkSources: Source[];
  bm25: Bm25;
  /** Scores a query vector against every chunk. Its `vectors` are the index's `vectors`. */
  dense: DenseScan;
  /** Other names of the entities a query mentions; one shared array per combination of names used. */
  expandAliases: (query: string) => readonly string[];
  /** The corpus words each word means (the index's thesaurus), and which words only frame a question. */
  lexicon: Thesaurus;
}

export interface SearchIndexOptions {
  /**
   * The compiled dot-product.wasm, for the WebAssembly dense scan; without it, the JS one. Passed
   * in because each runtime gets it differently (Node reads and compiles the file; Workers may only
   * import it as a module).
   */
  dotProduct?: WebAssembly.Module;
}

export function createSearchIndex(data: IndexData, { dotProduct }: SearchIndexOptions = {}): SearchIndex {
  const { embedder, chunks, vectors } = data;
  if (vectors.length !== chunks.length * embedder.dimension) {
    throw new Error(`index vectors hold ${vectors.length} floats, expected ${chunks.length} x ${embedder.dimension}`);
  }
  const sourceById = new Map(data.sources.map((s) => [s.id, s]));
  const chunkSources = chunks.map((c) => {
    const source = sourceById.get(c.sourceId);
    if (!source) throw new Error(`chunk ${c.id} points at unknown source ${c.sourceId}`);
    return source;
  });
  const resolve = createPronounResolver(data.glossary);
  const bm25 = createBm25(chunks.map((c, i) => tokenize(searchText(c, chunkSources[i]!, resolve))));
  const dense = createDenseScan(vectors, embedder.dimension, dotProduct);
  // dense.vectors may be a copy in WebAssembly memory: the index keeps that one, not both.
  return { ...data, vectors: dense.vectors, sourceById, chunkSources, bm25, dense, expandAliases: createAliasExpander(data.glossary), lexicon: createThesaurus(data.thesaurus) };
}
