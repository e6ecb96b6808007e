import type { GlossaryEntry, Source } from '../corpus/types';
import type { ThesaurusData } from '../text/thesaurus';

/** A searchable slice of a source. `text` is verbatim: `source.text.slice(offset, offset + text.length)`. */
export interface Chunk {
  id: string;
  sourceId: string;
  text: string;
  offset: number;
}

export interface EmbedderInfo {
  name: string;
  model: string;
  dimension: number;
}

/** What ingest produces and every runtime loads: plain data, no behaviour. */
export interface IndexData {
  embedder: EmbedderInfo;
  sources: Source[];
  /** Aliases for query expansion; never cited. */
  glossary: GlossaryEntry[];
  chunks: Chunk[];
  /** Unit-length vectors, `chunks.length * embedder.dimension`, row-major. */
  vectors: Float32Array;
  /** Question words → the corpus words they mean, and framing words; absent from an index built without one. */
  thesaurus?: ThesaurusData;
}
