/**
 * IndexData ⇄ one compact binary blob, for runtimes with no file system (the Worker imports it as
 * a Data module). Web-standard only.
 *
 * Layout: "IXS1" | u32 LE JSON byte length | JSON (UTF-8) | zero padding to 4 bytes | Float32 LE vectors.
 * The JSON holds sources, glossary, embedder info and the thesaurus (when built); chunks are
 * [source index, offset, length, id] because a chunk's text is always a verbatim slice of its
 * source (see `Chunk`), so storing it twice would double the text. Vectors stay raw Float32 so decoding is a view, not a parse, and
 * retrieval scores match the Node index bit for bit.
 */
import type { GlossaryEntry, Source } from '../corpus/types';
import type { ThesaurusData } from '../text/thesaurus';
import type { EmbedderInfo, IndexData } from './types';

const MAGIC = 'IXS1';
const HEADER_BYTES = 8;

/** Facts about the build, for logs and `/readyz`; not needed to serve. */
export interface SnapshotMeta {
  builtAt?: string;
  corpusHash?: string;
}

type ChunkRow = [sourceIndex: number, offset: number, length: number, id: string];

interface SnapshotJson {
  embedder: EmbedderInfo;
  sources: Source[];
  glossary: GlossaryEntry[];
  chunks: ChunkRow[];
  meta: SnapshotMeta;
  /** Absent from snapshots built before it existed, or without one. */
  thesaurus?: ThesaurusData;
}

export function encodeSnapshot(data: IndexData, meta: SnapshotMeta = {}): Uint8Array {
  const sourceIndex = new Map(data.sources.map((s, i) => [s.id, i]));
  const chunks = data.chunks.map((c): ChunkRow => {
    const i = sourceIndex.get(c.sourceId);
    if (i === undefined) throw new Error(`snapshot: chunk ${c.id} points at unknown source ${c.sourceId}`);
    if (data.sources[i]!.text.slice(c.offset, c.offset + c.text.length) !== c.text) {
      throw new Error(`snapshot: chunk ${c.id} is not a verbatim slice of its source`);
    }
    return [i, c.offset, c.text.length, c.id];
  });
  const body: SnapshotJson = { embedder: data.embedder, sources: data.sources, glossary: data.glossary, chunks, meta, thesaurus: data.thesaurus };
  const json = new TextEncoder().encode(JSON.stringify(body));
  const vectorsAt = align4(HEADER_BYTES + json.length);
  const out = new Uint8Array(vectorsAt + data.vectors.byteLength);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, HEADER_BYTES);
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(data.vectors.buffer, data.vectors.byteOffset, data.vectors.byteLength), vectorsAt);
  } else {
    const floats = new DataView(out.buffer, vectorsAt);
    data.vectors.forEach((v, k) => floats.setFloat32(k * 4, v, true));
  }
  return out;
}

export function decodeSnapshot(input: ArrayBuffer | Uint8Array): { data: IndexData; meta: SnapshotMeta } {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < HEADER_BYTES || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new Error('snapshot: not an index snapshot (bad magic); rebuild it with `npm run build:worker`');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(4, true);
  const body = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength))) as SnapshotJson;
  const chunks = body.chunks.map(([i, offset, length, id]) => {
    const source = body.sources[i];
    if (!source) throw new Error(`snapshot: chunk ${id} points at source #${i}, which does not exist`);
    return { id, sourceId: source.id, text: source.text.slice(offset, offset + length), offset };
  });
  const count = chunks.length * body.embedder.dimension;
  const vectors = readFloats(bytes, align4(HEADER_BYTES + jsonLength), count);
  const data: IndexData = { embedder: body.embedder, sources: body.sources, glossary: body.glossary, chunks, vectors };
  if (body.thesaurus) data.thesaurus = body.thesaurus;
  return { data, meta: body.meta ?? {} };
}

const align4 = (n: number) => (n + 3) & ~3;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function readFloats(bytes: Uint8Array, at: number, count: number): Float32Array {
  if (bytes.length < at + count * 4) throw new Error(`snapshot: truncated, expected ${count} vector floats`);
  const start = bytes.byteOffset + at;
  // The common case (a Data module, or a fresh buffer) is aligned little-endian: a view, no copy.
  if (LITTLE_ENDIAN && start % 4 === 0) return new Float32Array(bytes.buffer, start, count);
  const view = new DataView(bytes.buffer, start, count * 4);
  return Float32Array.from({ length: count }, (_, k) => view.getFloat32(k * 4, true));
}
