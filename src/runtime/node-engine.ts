import { createConfiguredAnswerer } from '../answer/llm/from-config';
import type { Answerer } from '../answer/types';
import type { Catalog } from '../app';
import type { Config } from '../config';
import type { Embedder } from '../embed/embedder';
import { createSearchIndex, type SearchIndex } from '../index/search-index';
import type { IndexData } from '../index/types';
import { ensureIndex, type IngestResult } from '../ingest/build-index';
import type { Logger, LogFields } from '../log';
import type { AnswerThreads } from './answer-threads';
import { loadDotProduct } from './node-dot-product';
import { createNodeEmbedder } from './node-embedder';

/** Embedder, index (built or refreshed from the corpus when needed) and answerer, all in this thread: the scripts' engine. */
export async function loadNodeEngine(config: Config, logger: Logger, embedder?: Embedder): Promise<{ index: SearchIndex; answerer: Answerer; embedder: Embedder; ingest: IngestResult }> {
  const emb = embedder ?? (await createNodeEmbedder(config, logger));
  const ingest = await ensureNodeIndex(config, logger, emb);
  const index = createSearchIndex(ingest.stored.data, { dotProduct: loadDotProduct() });
  const answerer = createConfiguredAnswerer({ config, index, embedder: emb, logger });
  return { index, answerer, embedder: emb, ingest };
}

/** What the server needs to serve: everything `/readyz` waits for, and how to describe it in the log. */
export interface NodeServing {
  index: Catalog;
  answerer: Answerer;
  fields: LogFields;
}

/**
 * The server's engine: the index, and the answerer on `threads` (see `startAnswerThreads`) when
 * the server answers on threads, else in this thread. The catalog the routes list stays here.
 */
export async function loadNodeServing(config: Config, logger: Logger, threads?: AnswerThreads): Promise<NodeServing> {
  if (!threads) {
    const { index, answerer } = await loadNodeEngine(config, logger);
    return { index, answerer, fields: { ...describe(index), kernel: index.dense.kernel, answerThreads: 0 } };
  }
  try {
    const { data } = (await ensureNodeIndex(config, logger, await createNodeEmbedder(config, logger))).stored;
    await threads.load(data);
    const index = catalog(data);
    return { index, answerer: threads, fields: { ...describe(index), kernel: threads.kernel, answerThreads: threads.size } };
  } catch (err) {
    await threads.close();
    throw err;
  }
}

const ensureNodeIndex = (config: Config, logger: Logger, embedder: Embedder) =>
  ensureIndex({ corpusDir: config.CORPUS_DIR, dataDir: config.DATA_DIR, embedder, log: (msg, fields) => logger.info(msg, fields) });

// No search index here: this thread only lists sources and counts chunks. (The pool of threads keeps the
// data itself, to restart a thread that dies.)
const catalog = ({ embedder, sources, chunks }: IndexData): Catalog => ({ embedder, sources, chunks, sourceById: new Map(sources.map((s) => [s.id, s])) });

const describe = (index: Catalog): LogFields => ({ sources: index.sources.length, chunks: index.chunks.length, embedder: index.embedder.model });
