import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { replay } from '../answer/answerer';
import type { Answerer, AskRequest, AskResponse } from '../answer/types';
import { llmConfigured, type Config } from '../config';
import { AppError } from '../errors';
import type { EmbedderInfo, IndexData } from '../index/types';
import type { Logger } from '../log';

/** What an answer thread starts from: it builds its own index and answerer out of these. */
export interface AnswerThreadData {
  config: Config;
  data: IndexData;
}

/** A question for a thread, and what comes back for it (or once, `ready`, when the thread can answer). */
export type ToThread = { id: number; request: AskRequest };
export type FromThread =
  | { type: 'ready'; kernel: string }
  | { type: 'answer'; id: number; response: AskResponse }
  | { type: 'failed'; id: number; message: string; stack?: string };

export interface AnswerThreads extends Answerer {
  /** The dense scan the threads run (`wasm-simd` or `js`), for the start-up log. */
  readonly kernel: string;
  /** Stops every thread; questions still in flight are rejected. */
  close(): Promise<void>;
}

/**
 * How many answer threads the server runs. Only the extractive answerer with an in-process
 * embedder is CPU work worth a thread; a language model or OpenAI's embeddings spend an answer
 * waiting on the network, which the event loop does for free. `auto` is one thread, when the
 * machine has a core to spare for it.
 */
export function answerThreadCount(config: Config, embedder: Pick<EmbedderInfo, 'name'>, cores = availableParallelism()): number {
  if (llmConfigured(config) || embedder.name === 'openai') return 0;
  if (config.ANSWER_THREADS === 'auto') return cores > 1 ? 1 : 0;
  return config.ANSWER_THREADS;
}

/**
 * Answers on `threads` worker threads, each with its own copy of the index, so retrieval and
 * answering run beside the event loop instead of on it: HTTP, JSON and the socket writes stay on
 * the main thread, and a slow answer (a large corpus) no longer holds up every other request.
 * Each question goes to the thread with the fewest in flight. A thread that dies is replaced; the
 * questions it held fail with a 503.
 */
export async function startAnswerThreads({ threads, config, data, logger }: { threads: number; config: Config; data: IndexData; logger: Logger }): Promise<AnswerThreads> {
  interface Thread {
    worker: Worker;
    pending: Map<number, { resolve: (r: AskResponse) => void; reject: (e: Error) => void }>;
  }
  const pool: Thread[] = [];
  let kernel = 'unknown';
  let nextId = 0;
  let closing = false;

  function spawn(): Promise<void> {
    const thread: Thread = { worker: createThread({ config, data }), pending: new Map() };
    pool.push(thread);
    let failure: unknown;
    return new Promise((resolve, reject) => {
      let started = false;
      thread.worker.on('message', (message: FromThread) => {
        if (message.type === 'ready') {
          started = true;
          kernel = message.kernel;
          return resolve();
        }
        const waiting = thread.pending.get(message.id);
        thread.pending.delete(message.id);
        if (message.type === 'answer') waiting?.resolve(message.response);
        else waiting?.reject(Object.assign(new Error(message.message), { stack: message.stack }));
      });
      thread.worker.on('error', (err) => (failure = err));
      thread.worker.on('exit', (code) => {
        pool.splice(pool.indexOf(thread), 1);
        const error = String(failure ?? `exit code ${code}`);
        for (const { reject } of thread.pending.values()) reject(new AppError(503, 'answerer_unavailable', 'The answering thread stopped while answering; ask again.'));
        if (!started) return reject(new Error(`an answer thread stopped before it could answer: ${error}`));
        if (closing) return;
        // A thread that was answering is replaced once; one that cannot even start is not retried.
        logger.error('answer thread stopped; starting another', { error });
        spawn().catch((err) => logger.error('could not replace the answer thread', { error: String(err) }));
      });
    });
  }

  try {
    await Promise.all(Array.from({ length: threads }, spawn));
  } catch (err) {
    closing = true;
    await Promise.all(pool.map((t) => t.worker.terminate()));
    throw err;
  }

  function ask({ question, history }: AskRequest): Promise<AskResponse> {
    let thread = pool[0];
    for (const t of pool) if (t.pending.size < thread!.pending.size) thread = t;
    if (!thread) return Promise.reject(new AppError(503, 'answerer_unavailable', 'No answering thread is running; try again in a moment.'));
    const id = nextId++;
    const { pending, worker } = thread;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, request: history ? { question, history } : { question } } satisfies ToThread);
    });
  }

  return {
    ask,
    // Only the extractive answerer runs on threads, and its answer exists whole at once.
    stream: async function* (request) {
      yield* replay(await ask(request));
    },
    get kernel() {
      return kernel;
    },
    async close() {
      closing = true;
      await Promise.all(pool.map((t) => t.worker.terminate()));
    },
  };
}

/**
 * Starts `answer-thread` from beside this module: the bundle's `.mjs` under `npm start`, the
 * TypeScript source otherwise (tests, `npm run dev`), where the thread first registers tsx, whose
 * loader does not reach worker threads by itself on Node 20.
 */
function createThread(workerData: AnswerThreadData): Worker {
  if (import.meta.url.endsWith('.mjs')) return new Worker(new URL('./answer-thread.mjs', import.meta.url), { workerData });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./answer-thread.ts', import.meta.url).href);
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); })`, { eval: true, workerData });
}
