import { parentPort, threadId, workerData } from 'node:worker_threads';
import { createAnswerer } from '../answer/answerer';
import { createSearchIndex } from '../index/search-index';
import { createLogger, silentLogger } from '../log';
import type { AnswerThreadData, FromThread, ToThread } from './answer-threads';
import { loadDotProduct } from './node-dot-product';
import { createNodeEmbedder } from './node-embedder';

/**
 * An answer thread (started by `startAnswerThreads`): builds its own index and extractive answerer
 * from the index data it was handed, then answers each question the main thread sends.
 */
const { config, data } = workerData as AnswerThreadData;
const port = parentPort!;
const send = (message: FromThread) => port.postMessage(message);

// The embedder the index was built with; the main thread already chose it and said so in the log.
const embedder = await createNodeEmbedder({ ...config, EMBEDDER: data.embedder.name as 'lexical' | 'transformers', EMBEDDING_MODEL: data.embedder.model }, silentLogger);
if (embedder.model !== data.embedder.model) throw new Error(`answer thread: the index was embedded with ${data.embedder.model}, this thread loaded ${embedder.model}`);
const index = createSearchIndex(data, { dotProduct: loadDotProduct() });
const answerer = createAnswerer({ index, embedder, logger: createLogger({ level: config.LOG_LEVEL, context: () => ({ thread: threadId }) }) });

port.on('message', ({ id, request }: ToThread) => {
  answerer.ask(request).then(
    (response) => send({ type: 'answer', id, response }),
    (err: unknown) => send({ type: 'failed', id, message: String(err), stack: (err as Error)?.stack }),
  );
});
send({ type: 'ready', kernel: index.dense.kernel });
