import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus/load-corpus';
import { createLexicalEmbedder } from '../../../src/core/embed/lexical';
import { decodeSnapshot, encodeSnapshot } from '../../../src/core/ingest/snapshot';
import type { IndexData } from '../../../src/core/ingest/types';
import { buildIndexData } from '../../../src/core/ingest/index-data';
import { readCorpusFiles } from '../../../src/runtime/node/read-corpus';

describe('index snapshot (the index the Worker bundles)', () => {
  let data: IndexData;
  beforeAll(async () => {
    data = (await buildIndexData(loadCorpus(await readCorpusFiles('corpus')), createLexicalEmbedder())).data;
  });

  it('decodes to exactly the index it was made from: sources, glossary, chunk texts and every vector bit', () => {
    const { data: back, meta } = decodeSnapshot(encodeSnapshot(data, { corpusHash: 'abc', builtAt: '2024-01-01T00:00:00.000Z' }));
    expect(back.embedder).toEqual(data.embedder);
    expect(back.sources).toEqual(data.sources);
    expect(back.glossary).toEqual(data.glossary);
    expect(back.chunks).toEqual(data.chunks);
    expect(Buffer.from(back.vectors.buffer, back.vectors.byteOffset, back.vectors.byteLength)).toEqual(Buffer.from(data.vectors.buffer));
    expect(meta).toEqual({ corpusHash: 'abc', builtAt: '2024-01-01T00:00:00.000Z' });
  });

  it('stores each chunk text once, inside its source, not again beside it', () => {
    const json = new TextDecoder().decode(encodeSnapshot(data));
    for (const chunk of data.chunks) {
      const escaped = JSON.stringify(chunk.text).slice(1, -1);
      const sourceFields = data.sources.filter((s) => JSON.stringify(s).includes(escaped)).length;
      expect(json.split(escaped).length - 1, chunk.id).toBe(sourceFields);
    }
  });

  it('reads bytes that do not start on a 4-byte boundary (e.g. a slice of a larger Buffer)', () => {
    const bytes = encodeSnapshot(data);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(decodeSnapshot(shifted.subarray(1)).data.vectors).toEqual(data.vectors);
  });

  it('carries the thesaurus when the index has one, and decodes an index without one to none', () => {
    const thesaurus = { source: 'test', links: { globe: [['world', 0.6]] as [string, number][], constructor: [['build', 0.6]] as [string, number][] }, framing: ['paper', 'say'] };
    expect(decodeSnapshot(encodeSnapshot({ ...data, thesaurus })).data.thesaurus).toEqual(thesaurus);
    expect(decodeSnapshot(encodeSnapshot(data)).data).not.toHaveProperty('thesaurus');
  });

  it('refuses bytes that are not a snapshot, saying how to make one', () => {
    expect(() => decodeSnapshot(new TextEncoder().encode('{"not":"a snapshot"}'))).toThrow(/npm run build:worker/);
  });

  it('refuses a chunk whose text is not a verbatim slice of its source', () => {
    const forged = { ...data, chunks: data.chunks.map((c, i) => (i === 0 ? { ...c, text: `${c.text}!` } : c)) };
    expect(() => encodeSnapshot(forged)).toThrow(/not a verbatim slice/);
  });
});
