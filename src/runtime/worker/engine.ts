import type { Ready } from '../../server/env';
import type { Config } from '../../config';
import type { Embedder } from '../../core/embed/embedder';
import type { SearchIndex } from '../../core/search/search-index';
import { decodeSnapshot, type SnapshotMeta } from '../../core/ingest/snapshot';
import type { Logger } from '../../core/log';
import { wireEngine } from '../wire';
import { workerEmbedder } from './embedder';

export interface WorkerEngine extends Ready {
  index: SearchIndex;
  embedder: Embedder;
  meta: SnapshotMeta;
}

/**
 * The Workers counterpart of `loadNodeEngine`: the index comes from the bundled snapshot, searched
 * in memory; `dotProduct` (the bundled dot-product.wasm) makes its dense scan WebAssembly.
 */
export function loadWorkerEngine({ snapshot, config, logger, dotProduct }: {
  snapshot: ArrayBuffer | Uint8Array;
  config: Config;
  logger: Logger;
  dotProduct?: WebAssembly.Module;
}): WorkerEngine {
  const { data, meta } = decodeSnapshot(snapshot);
  return { ...wireEngine({ config, data, embedder: workerEmbedder(data.embedder, config), logger, dotProduct }), meta };
}
