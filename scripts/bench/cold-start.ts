/**
 * Cold start: from spawning the server as `npm start` does (`node dist/node/server.mjs`) to the first
 * answered `/api/ask`, with the index already on disk (a restart) and with none (a first start,
 * which ingests the corpus).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '../../src/core/embed/embedder';
import { ensureIndex } from '../../src/runtime/node/build-index';
import { QUESTIONS } from './questions';
import { postJson, spawnServer, waitFor } from './server';
import { median } from './stats';

export interface ColdStartRow {
  index: 'present' | 'missing';
  /** Spawn to the first `/healthz` 200: Node and the bundled app's modules. */
  listeningMs: number;
  /** Spawn to the first `/api/ask` 200: the above plus loading (or building) the index. */
  firstAnswerMs: number;
  runs: number;
}

export async function benchColdStart(corpusDir: string, embedder: Embedder, runs: number): Promise<ColdStartRow[]> {
  const built = mkdtempSync(join(tmpdir(), 'iskp-bench-cold-'));
  try {
    await ensureIndex({ corpusDir, dataDir: built, embedder });
    return [await measure('present', () => built, runs), await measure('missing', () => mkdtempSync(join(tmpdir(), 'iskp-bench-cold-')), runs)];
  } finally {
    rmSync(built, { recursive: true, force: true });
  }
}

async function measure(index: ColdStartRow['index'], dataDir: () => string, runs: number): Promise<ColdStartRow> {
  const listening: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = dataDir();
    const server = await spawnServer({ DATA_DIR: dir });
    try {
      listening.push((await waitFor(async () => (await fetch(`${server.url}/healthz`)).ok)) - server.spawnedAt);
      answered.push((await waitFor(async () => (await postJson(`${server.url}/api/ask`, { question: QUESTIONS[0] })).ok)) - server.spawnedAt);
    } finally {
      await server.stop();
      if (index === 'missing') rmSync(dir, { recursive: true, force: true });
    }
  }
  return { index, listeningMs: median(listening), firstAnswerMs: median(answered), runs };
}
