import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// The module itself, not the package: vectra's index also loads its tokenizers, web fetcher and
// OpenAI client, which take a second to import and which the store never uses.
import { ItemSelector } from 'vectra/lib/ItemSelector.js';
import { LocalIndex } from 'vectra/lib/LocalIndex.js';
import type { IndexItem } from 'vectra/lib/types.js';
import type { GlossaryEntry, Source } from '../../core/corpus/types';
import type { Chunk, EmbedderInfo, IndexData } from '../../core/ingest/types';
import type { ThesaurusData } from '../../core/text/thesaurus';

/**
 * The on-disk index. Each build is written to its own folder (a vectra index plus the source
 * records, the thesaurus when there is one, and a manifest); a one-line `CURRENT` file names the
 * live folder and is replaced by rename, which is atomic. A crash at any moment leaves `CURRENT`
 * naming a complete index.
 */

export interface Manifest {
  format: 1;
  embedder: EmbedderInfo;
  /** Hash of the corpus files and the chunker version; a different hash means the index is stale. */
  corpusHash: string;
  builtAt: string;
  glossary: GlossaryEntry[];
}

type ItemMeta = { chunkId: string; sourceId: string; offset: number; text: string; hash: string };

export interface StoredIndex {
  data: IndexData;
  manifest: Manifest;
  /** Content hash of each chunk's embedded text → its vector row, for incremental re-ingest. */
  hashes: string[];
}

const POINTER = 'CURRENT';
const THESAURUS = 'thesaurus.json';

export async function readStoredIndex(dataDir: string): Promise<StoredIndex> {
  const name = (await readFile(join(dataDir, POINTER), 'utf8')).trim();
  const dir = join(dataDir, name);
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const sources = JSON.parse(await readFile(join(dir, 'sources.json'), 'utf8')) as Source[];
  const thesaurus = await readOptionalJson<ThesaurusData>(join(dir, THESAURUS));
  const items = await new LocalIndex<ItemMeta>(dir).listItems();
  const { dimension } = manifest.embedder;
  const vectors = new Float32Array(items.length * dimension);
  const chunks: Chunk[] = [];
  const hashes: string[] = [];
  items.forEach((item, i) => {
    if (item.vector.length !== dimension) throw new Error(`item ${item.id} has ${item.vector.length} dimensions, manifest says ${dimension}`);
    vectors.set(item.vector, i * dimension);
    const m = item.metadata;
    chunks.push({ id: m.chunkId, sourceId: m.sourceId, offset: m.offset, text: m.text });
    hashes.push(m.hash);
  });
  const data: IndexData = { embedder: manifest.embedder, sources, glossary: manifest.glossary, chunks, vectors };
  if (thesaurus) data.thesaurus = thesaurus;
  return { data, manifest, hashes };
}

async function readOptionalJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return undefined;
    throw err;
  }
}

export async function writeStoredIndex(dataDir: string, stored: StoredIndex): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const name = `index-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const dir = join(dataDir, name);
  try {
    await writeBuild(dir, stored);
  } catch (err) {
    // Never live (CURRENT still names the last complete build), and not worth keeping either.
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const tmp = join(dataDir, `${POINTER}.${name}.tmp`);
  await writeFile(tmp, name);
  await rename(tmp, join(dataDir, POINTER));
  await removeStaleBuilds(dataDir, name);
  return dir;
}

/** One build's folder: the vectra index, the source records, the thesaurus, and last the manifest. */
async function writeBuild(dir: string, { data, manifest, hashes }: StoredIndex): Promise<void> {
  // No `metadata_config.indexed`: vectra would then write one metadata file per item.
  const config = { version: 1, metadata_config: {} };
  await new LocalIndex<ItemMeta>(dir).createIndex(config);
  // vectra's insertItem checks each new id against every item before it, so inserting n chunks
  // costs n²/2 comparisons (10k chunks: 1.8 s of a 2.9 s write). The ids are checked here with a
  // set instead, and index.json is written once, exactly as vectra's endUpdate writes it; it is
  // read back through vectra (`readStoredIndex`).
  const d = data.embedder.dimension;
  const ids = new Set<string>();
  const items = data.chunks.map((c, i): IndexItem<ItemMeta> => {
    if (ids.has(c.id)) throw new Error(`Item with id ${c.id} already exists`);
    ids.add(c.id);
    const vector = Array.from(data.vectors.subarray(i * d, (i + 1) * d), float32Decimal);
    return { id: c.id, metadata: { chunkId: c.id, sourceId: c.sourceId, offset: c.offset, text: c.text, hash: hashes[i]! }, vector, norm: ItemSelector.normalize(vector) };
  });
  await writeFile(join(dir, 'index.json'), indexJson({ ...config, items }));
  await writeFile(join(dir, 'sources.json'), JSON.stringify(data.sources));
  if (data.thesaurus) await writeFile(join(dir, THESAURUS), JSON.stringify(data.thesaurus));
  // The manifest goes last: a folder without one is never complete, whatever else it holds.
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

/** 10^0 .. 10^22, the powers of ten a double holds exactly (parsed, so correctly rounded). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * The same float32 in at most 9 significant digits, which is all a float32 needs to read back
 * bit for bit. JSON.stringify writes the widened double in up to 17 (0.10000000149011612 for
 * the float32 0.1): a third of index.json was digits that `readStoredIndex` rounds away again.
 */
function float32Decimal(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const k = 8 - Math.floor(Math.log10(Math.abs(x)));
  if (k >= 0 && k <= 22) {
    // One rounding to 9 digits, then a correctly rounded division by an exact power of ten.
    const scale = POWERS_OF_TEN[k]!;
    const y = Math.round(x * scale) / scale;
    // log10 can land one short just under a power of ten, which would leave 8 digits.
    if (Math.fround(y) === x) return y;
  }
  return Number(x.toPrecision(9));
}

/** Raised when the corpus has outgrown what one vectra index file can hold. */
export class IndexTooLargeError extends Error {
  override name = 'IndexTooLargeError';
}

/**
 * vectra keeps the whole index in index.json and reads it back as one string, so the file can be
 * no longer than the longest string V8 builds (2^29 - 24 characters): about 150k chunks of 256
 * dimensions. Past that JSON.stringify throws a bare RangeError; this says what happened instead.
 */
function indexJson(index: { items: IndexItem<ItemMeta>[] }): string {
  try {
    return JSON.stringify(index);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new IndexTooLargeError(
      `The corpus makes ${index.items.length} chunks, more than one vectra index file can hold (about 150,000 chunks of 256 dimensions, fewer with more): ` +
        'its index.json would be longer than the longest string Node can build. Index fewer or shorter documents. The index already on disk is unchanged.',
    );
  }
}

/** Old builds and leftovers of interrupted ones; never the live folder. */
async function removeStaleBuilds(dataDir: string, live: string): Promise<void> {
  for (const entry of await readdir(dataDir)) {
    if (entry === live || entry === POINTER) continue;
    if (entry.startsWith('index-') || entry.startsWith(`${POINTER}.`)) await rm(join(dataDir, entry), { recursive: true, force: true });
  }
}
