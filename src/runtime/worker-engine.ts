import { createConfiguredAnswerer } from '../answer/llm/from-config';
import type { Ready } from '../app';
import type { Config } from '../config';
import type { Embedder } from '../embed/embedder';
import { createSearchIndex, type SearchIndex } from '../index/search-index';
import { decodeSnapshot, type SnapshotMeta } from '../index/snapshot';
import type { Logger } from '../log';
import { workerEmbedder } from './worker-embedder';

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
  const embedder = workerEmbedder(data.embedder, config);
  const index = createSearchIndex(data, { dotProduct });
  const answerer = createConfiguredAnswerer({ config, index, embedder, logger });
  return { index, answerer, embedder, meta };
}
