import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLexicalEmbedder } from '../../../src/core/embed/lexical';
import { tokenize } from '../../../src/core/text/tokenize';
import { decodeSnapshot } from '../../../src/core/ingest/snapshot';
import { createThesaurus } from '../../../src/core/text/thesaurus';
import { writeSnapshot } from '../../../src/runtime/node/write-snapshot';

const ROOT = join(import.meta.dirname, '../../..');

describe('writeSnapshot() (the index the Worker bundles)', () => {
  it('ships the WordNet thesaurus in the snapshot, and keeps a snapshot that is up to date', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'iskp-snapshot-')), 'worker-index.bin');
    const first = await writeSnapshot({ corpusDir: join(ROOT, 'corpus'), out, embedder: createLexicalEmbedder() });
    expect(first.written).toBe(true);
    const { data } = decodeSnapshot(readFileSync(out));
    expect(data.thesaurus?.source).toMatch(/^WordNet 3\.1/);
    const thesaurus = createThesaurus(data.thesaurus);
    expect(thesaurus.related('country').map(([stem]) => stem)).toContain('afghanistan');
    expect(thesaurus.isFraming(tokenize('paper')[0]!)).toBe(true);
    const second = await writeSnapshot({ corpusDir: join(ROOT, 'corpus'), out, embedder: createLexicalEmbedder() });
    expect(second).toEqual({ written: false, bytes: first.bytes, chunks: first.chunks });
  });
});
