import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/core/log';
import { loadNodeEngine } from '../../src/runtime/node/engine';

/** The real engine (lexical embedder, index built on disk from corpus/) in a fresh temp DATA_DIR. */
export async function loadTestEngine(env: Record<string, string> = {}) {
  const config = parseConfig({ EMBEDDER: 'lexical', DATA_DIR: mkdtempSync(join(tmpdir(), 'iskp-engine-')), ...env });
  return { config, ...(await loadNodeEngine(config, silentLogger)) };
}
