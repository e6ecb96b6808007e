import { parentPort, threadId, workerData } from 'node:worker_threads';
import { createAnswerer } from '../answer/answerer';
import type { Answerer } from '../answer/types';
import type { Config } from '../config';
import { createSearchIndex } from '../index/search-index';
import type { IndexData } from '../index/types';
import { createLogger, silentLogger } from '../log';
import type { FromThread, ToThread } from './answer-threads';
import { loadDotProduct } from './node-dot-product';
import { createNodeEmbedder } from './node-embedder';

/**
 * An answer thread (started by `startAnswerThreads` with the configuration): once handed the
 * index, builds its own search index and extractive answerer, then answers each question sent.
 */
const config = workerData as Config;
const port = parentPort!;
const send = (message: FromThread) => port.postMessage(message);
// Compiled now, while the main thread is still loading the index.
const dotProduct = loadDotProduct();
let answerer: Promise<Answerer> | undefined;

async function load(data: IndexData): Promise<Answerer> {
  // The embedder the index was built with; the main thread already chose it and said so in the log.
  const embedder = await createNodeEmbedder({ ...config, EMBEDDER: data.embedder.name as Config['EMBEDDER'], EMBEDDING_MODEL: data.embedder.model }, silentLogger);
  if (embedder.model !== data.embedder.model) throw new Error(`the index was embedded with ${data.embedder.model}, this thread loaded ${embedder.model}`);
  const index = createSearchIndex(data, { dotProduct });
  const loaded = createAnswerer({ index, embedder, logger: createLogger({ level: config.LOG_LEVEL, context: () => ({ thread: threadId }) }) });
  send({ type: 'ready', kernel: index.dense.kernel });
  return loaded;
}

port.on('message', (message: ToThread) => {
  // A load that fails is left unhandled on purpose: it stops the thread, and the pool reports why.
  if (message.type === 'load') return void (answerer = load(message.data));
  const { id, request } = message;
  answerer!
    .then((a) => a.ask(request))
    .then(
      (response) => send({ type: 'answer', id, response }),
      (err: unknown) => send({ type: 'failed', id, message: String(err), stack: (err as Error)?.stack }),
    );
});
