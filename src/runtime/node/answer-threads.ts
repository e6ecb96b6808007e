import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { replay } from '../../core/answer/answerer';
import type { Answerer, AskRequest, AskResponse } from '../../core/answer/types';
import type { Briefing, BriefRequest } from '../../core/brief/types';
import { llmConfigured, type Config } from '../../config';
import { AppError } from '../../server/errors';
import type { IndexData } from '../../core/ingest/types';
import type { Logger } from '../../core/log';

/** Messages to a thread: once the index to answer from, then questions and briefing requests. */
export type ToThread = { type: 'load'; data: IndexData } | { type: 'ask'; id: number; request: AskRequest } | { type: 'brief'; id: number; request: BriefRequest };
/** Messages from a thread: once `ready` (it can answer), then each question's answer or failure. */
export type FromThread =
  | { type: 'ready'; kernel: string }
  | { type: 'answer'; id: number; response: AskResponse | Briefing }
  | { type: 'failed'; id: number; message: string; stack?: string };

export interface AnswerThreads extends Answerer {
  /** Hands every thread the index; resolves once all can answer, rejects (and stops them) if one cannot. */
  load(data: IndexData): Promise<void>;
  /** How many threads were started. */
  readonly size: number;
  /** The dense scan the threads run (`wasm-simd` or `js`), known once loaded. */
  readonly kernel: string;
  /** Stops every thread; questions still in flight fail. */
  close(): Promise<void>;
}

/**
 * How many answer threads the server runs. Only the extractive answerer with an in-process
 * embedder is CPU work worth a thread; a language model or OpenAI's embeddings spend an answer
 * waiting on the network, which the event loop does for free. `auto` is one thread, when the
 * machine has a core to spare for it.
 */
export function answerThreadCount(config: Config, cores = availableParallelism()): number {
  if (llmConfigured(config) || config.EMBEDDER === 'openai') return 0;
  if (config.ANSWER_THREADS === 'auto') return cores > 1 ? 1 : 0;
  return config.ANSWER_THREADS;
}

/**
 * Answers on `threads` worker threads, each with its own copy of the index, so retrieval and
 * answering run beside the event loop instead of on it: HTTP, JSON and the socket writes stay on
 * the main thread, and a slow answer (a large corpus) no longer holds up every other request.
 * The threads start at once and load their code while the caller loads the index (`load`).
 * Each question goes to the thread with the fewest in flight. A thread that dies is replaced; the
 * questions it held fail with a 503.
 */
export function startAnswerThreads({ threads, config, logger, entry = ANSWER_THREAD, questionTimeoutMs = QUESTION_TIMEOUT_MS }: {
  threads: number;
  config: Config;
  logger: Logger;
  /** The thread's module; tests hand in one that can be made to die or hang. */
  entry?: URL;
  /** How long a loaded thread may take over one question before it is stopped and replaced. */
  questionTimeoutMs?: number;
}): AnswerThreads {
  interface Thread {
    worker: Worker;
    pending: Map<number, { resolve: (r: AskResponse | Briefing) => void; reject: (e: Error) => void }>;
    ready: Promise<void>;
    /** Set when the pool stopped it for outliving a question's budget. */
    stuck?: boolean;
  }
  const pool: Thread[] = [];
  let data: IndexData | undefined;
  let kernel = 'unknown';
  let nextId = 0;
  let closing = false;

  function spawn(): Thread {
    const worker = createThread(entry, config);
    const pending: Thread['pending'] = new Map();
    let started = false;
    let failure: unknown;
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromThread) => {
        if (message.type === 'ready') {
          started = true;
          kernel = message.kernel;
          return resolve();
        }
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'answer') waiting?.resolve(message.response);
        else waiting?.reject(Object.assign(new Error(message.message), { stack: message.stack }));
      });
      worker.on('error', (err) => (failure = err));
      worker.on('exit', (code) => {
        leave(thread);
        const error = String(failure ?? `exit code ${code}`);
        for (const { reject } of pending.values()) reject(new AppError(503, 'answerer_unavailable', 'The answering thread stopped while answering; ask again.'));
        if (!started) return reject(new Error(`an answer thread stopped before it could answer: ${error}`));
        // A stuck thread was replaced when it was stopped; one that cannot even load is not retried.
        if (closing || thread.stuck) return;
        logger.error('answer thread stopped; starting another', { error });
        spawn().ready.catch((err) => logger.error('could not replace the answer thread', { error: String(err) }));
      });
    });
    // Observed by load() or by the replacement's catch; never an unhandled rejection meanwhile.
    ready.catch(() => {});
    const thread: Thread = { worker, pending, ready };
    if (data) worker.postMessage({ type: 'load', data } satisfies ToThread);
    pool.push(thread);
    return thread;
  }

  function leave(thread: Thread) {
    const at = pool.indexOf(thread);
    if (at >= 0) pool.splice(at, 1);
  }

  /** Stops a thread that is busy with no end in sight (a pattern gone exponential): only terminate() can. */
  function replaceStuck(thread: Thread) {
    thread.stuck = true;
    leave(thread);
    logger.warn('answer thread stopped: a question outlived its budget; starting another', { questionTimeoutMs });
    spawn().ready.catch((err) => logger.error('could not replace the answer thread', { error: String(err) }));
    void thread.worker.terminate();
  }

  for (let i = 0; i < threads; i++) spawn();

  async function close() {
    closing = true;
    await Promise.all(pool.map((t) => t.worker.terminate()));
  }

  /** Sends a question or a briefing request to the least busy thread; resolves with what it sends back. */
  function call(message: Omit<Extract<ToThread, { type: 'ask' | 'brief' }>, 'id'>): Promise<AskResponse | Briefing> {
    let thread = pool[0];
    for (const t of pool) if (t.pending.size < thread!.pending.size) thread = t;
    if (!thread || !data) return Promise.reject(new AppError(503, 'answerer_unavailable', 'No answering thread is running; try again in a moment.'));
    const id = nextId++;
    const chosen = thread;
    return new Promise<AskResponse | Briefing>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = <T>(done: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        done(value);
      };
      chosen.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      chosen.worker.postMessage({ ...message, id } as ToThread);
      // The clock starts once the thread can answer, so a replacement still loading its index is
      // never taken for a stuck one. The thread's other questions fail with it, as with a crash.
      void chosen.ready.then(() => {
        if (!chosen.pending.has(id)) return;
        timer = setTimeout(() => {
          chosen.pending.delete(id);
          reject(new AppError(503, 'timeout', 'The answer took too long; please try again.', { headers: { 'Retry-After': '1' } }));
          replaceStuck(chosen);
        }, questionTimeoutMs);
      }, () => {});
    });
  }

  const ask = ({ question, history }: AskRequest) => call({ type: 'ask', request: history ? { question, history } : { question } }) as Promise<AskResponse>;
  const brief = ({ topic, length }: BriefRequest) => call({ type: 'brief', request: { topic, length } }) as Promise<Briefing>;

  return {
    async load(index) {
      if (data) throw new Error('the answer threads already have an index');
      data = index;
      for (const { worker } of pool) worker.postMessage({ type: 'load', data } satisfies ToThread);
      try {
        await Promise.all(pool.map((t) => t.ready));
      } catch (err) {
        await close();
        throw err;
      }
    },
    ask,
    brief,
    // Only the extractive answerer runs on threads, and its answer exists whole at once.
    stream: async function* (request) {
      yield* replay(await ask(request));
    },
    size: threads,
    get kernel() {
      return kernel;
    },
    close,
  };
}

/** Far beyond any real answer (milliseconds), well inside the request's own time budget. */
const QUESTION_TIMEOUT_MS = 5_000;

// Beside this module: the bundle's `.mjs` under `npm start`, the TypeScript source otherwise.
const ANSWER_THREAD = new URL(import.meta.url.endsWith('.mjs') ? './answer-thread.mjs' : './answer-thread.ts', import.meta.url);

/** A TypeScript entry (tests, `npm run dev`) first registers tsx: its loader does not reach worker threads by itself on Node 20. */
function createThread(entry: URL, workerData: Config): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, workerData });
}
