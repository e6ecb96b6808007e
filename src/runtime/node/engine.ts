import type { Answerer } from '../../core/answer/types';
import type { Listing } from '../../server/env';
import type { Config } from '../../config';
import type { Embedder } from '../../core/embed/embedder';
import type { SearchIndex } from '../../core/search/search-index';
import type { IndexData } from '../../core/ingest/types';
import { ensureIndex, type IngestResult } from './build-index';
import type { Logger, LogFields } from '../../core/log';
import type { AnswerThreads } from './answer-threads';
import { loadDotProduct } from './dot-product';
import { createNodeEmbedder } from './embedder';
import { wireEngine } from '../wire';

/** Embedder, index (built or refreshed from the corpus when needed) and answerer, all in this thread: the scripts' engine. */
export async function loadNodeEngine(config: Config, logger: Logger, embedder?: Embedder): Promise<{ index: SearchIndex; answerer: Answerer; embedder: Embedder; ingest: IngestResult }> {
  const emb = embedder ?? (await createNodeEmbedder(config, logger));
  const ingest = await ensureNodeIndex(config, logger, emb);
  const { index, answerer } = wireEngine({ config, data: ingest.stored.data, embedder: emb, logger, dotProduct: loadDotProduct() });
  return { index, answerer, embedder: emb, ingest };
}

/** What the server needs to serve: everything `/readyz` waits for, and how to describe it in the log. */
export interface NodeServing {
  index: Listing;
  answerer: Answerer;
  fields: LogFields;
}

/**
 * The server's engine: the index, and the answerer on `threads` (see `startAnswerThreads`) when
 * the server answers on threads, else in this thread. The listing the routes read stays here.
 */
export async function loadNodeServing(config: Config, logger: Logger, threads?: AnswerThreads): Promise<NodeServing> {
  if (!threads) {
    const { index, answerer } = await loadNodeEngine(config, logger);
    return { index, answerer, fields: { ...summary(index), kernel: index.dense.kernel, answerThreads: 0 } };
  }
  try {
    const { data } = (await ensureNodeIndex(config, logger, await createNodeEmbedder(config, logger))).stored;
    await threads.load(data);
    const index = listing(data);
    return { index, answerer: threads, fields: { ...summary(index), kernel: threads.kernel, answerThreads: threads.size } };
  } catch (err) {
    await threads.close();
    throw err;
  }
}

const ensureNodeIndex = (config: Config, logger: Logger, embedder: Embedder) =>
  ensureIndex({ corpusDir: config.CORPUS_DIR, dataDir: config.DATA_DIR, embedder, log: (msg, fields) => logger.info(msg, fields) });

// No search index here: this thread only lists sources and counts chunks. (The pool of threads keeps the
// data itself, to restart a thread that dies.)
const listing = ({ embedder, sources, chunks, glossary }: IndexData): Listing => ({ embedder, sources, chunks, glossary, sourceById: new Map(sources.map((s) => [s.id, s])) });

/** The log line's account of what is being served. */
const summary = (index: Listing): LogFields => ({ sources: index.sources.length, chunks: index.chunks.length, embedder: index.embedder.model });
