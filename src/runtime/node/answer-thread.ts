import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { Answerer, AskResponse } from '../../core/answer/types';
import type { Briefing } from '../../core/brief/types';
import type { Config } from '../../config';
import type { IndexData } from '../../core/ingest/types';
import { createLogger, silentLogger } from '../../core/log';
import type { FromThread, ToThread } from './answer-threads';
import { loadDotProduct } from './dot-product';
import { createNodeEmbedder } from './embedder';
import { wireEngine } from '../wire';

/**
 * An answer thread (started by `startAnswerThreads` with the configuration): once handed the
 * index, wires its own engine (threads run only for the extractive answerer), then answers each
 * question sent.
 */
const config = workerData as Config;
const port = parentPort!;
const send = (message: FromThread) => port.postMessage(message);
// Compiled now, while the main thread is still loading the index.
const dotProduct = loadDotProduct();
let answering: Promise<Answerer> | undefined;

async function load(data: IndexData): Promise<Answerer> {
  // The embedder the index was built with; the main thread already chose it and said so in the log.
  const embedder = await createNodeEmbedder({ ...config, EMBEDDER: data.embedder.name as Config['EMBEDDER'], EMBEDDING_MODEL: data.embedder.model }, silentLogger);
  if (embedder.model !== data.embedder.model) throw new Error(`the index was embedded with ${data.embedder.model}, this thread loaded ${embedder.model}`);
  const logger = createLogger({ level: config.LOG_LEVEL, context: () => ({ thread: threadId }) });
  const { index, answerer } = wireEngine({ config, data, embedder, logger, dotProduct });
  send({ type: 'ready', kernel: index.dense.kernel });
  return answerer;
}

port.on('message', (message: ToThread) => {
  // A load that fails is left unhandled on purpose: it stops the thread, and the pool reports why.
  if (message.type === 'load') return void (answering = load(message.data));
  const { id } = message;
  answering!
    .then((a): Promise<AskResponse | Briefing> => (message.type === 'brief' ? a.brief(message.request) : a.ask(message.request)))
    .then(
      (response) => send({ type: 'answer', id, response }),
      (err: unknown) => send({ type: 'failed', id, message: String(err), stack: (err as Error)?.stack }),
    );
});
