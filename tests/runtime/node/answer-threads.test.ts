import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEvent } from '../../../src/core/answer/types';
import { parseConfig, type Config } from '../../../src/config';
import { AppError } from '../../../src/server/errors';
import type { IndexData } from '../../../src/core/ingest/types';
import { createLogger, silentLogger } from '../../../src/core/log';
import { answerThreadCount, startAnswerThreads, type AnswerThreads } from '../../../src/runtime/node/answer-threads';
import { QUESTIONS } from '../../../scripts/bench/questions';
import { makeTinyModel, TINY_MODEL_NAME } from '../../../scripts/make-tiny-model';
import { loadTestEngine } from '../../helpers/engine';

describe('answerThreadCount()', () => {
  const count = (env: Record<string, string>, cores = 2) => answerThreadCount(parseConfig(env), cores);

  it('runs one thread by default when the machine has a core to spare, none when it has one', () => {
    expect(count({})).toBe(1);
    expect(count({}, 8)).toBe(1);
    expect(count({}, 1)).toBe(0);
  });

  it('runs as many as ANSWER_THREADS says, 0 meaning on the event loop', () => {
    expect(count({ ANSWER_THREADS: '3' })).toBe(3);
    expect(count({ ANSWER_THREADS: '0' })).toBe(0);
  });

  it('answers in process when answers wait on the network: a language model or OpenAI embeddings', () => {
    expect(count({ ANSWER_THREADS: '2', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' })).toBe(0);
    expect(count({ ANSWER_THREADS: '2', EMBEDDER: 'openai' })).toBe(0);
  });

  it('rejects a count that is not a whole number', () => {
    expect(() => parseConfig({ ANSWER_THREADS: 'two' })).toThrow(/ANSWER_THREADS/);
    expect(() => parseConfig({ ANSWER_THREADS: '-1' })).toThrow(/ANSWER_THREADS/);
  });
});

describe('startAnswerThreads()', () => {
  let engine: Awaited<ReturnType<typeof loadTestEngine>>;
  let config: Config;
  let data: IndexData;
  let threads: AnswerThreads;
  beforeAll(async () => {
    engine = await loadTestEngine();
    config = engine.config;
    data = engine.ingest.stored.data;
    threads = startAnswerThreads({ threads: 2, config, logger: silentLogger });
    await threads.load(data);
  });
  afterAll(() => threads?.close());

  it('answers every question exactly as the answerer in this thread does', async () => {
    const questions = [...QUESTIONS, 'Write a poem about the Taliban.'];
    // All at once: each answer must come back to the question that asked for it.
    const onThreads = await Promise.all(questions.map((question) => threads.ask({ question })));
    for (const [i, question] of questions.entries()) expect(onThreads[i]).toEqual(await engine.answerer.ask({ question }));
  });

  it('resolves a follow-up against the history it is sent', async () => {
    const request = { question: 'Where was it published?', history: [{ role: 'user' as const, content: 'Who wrote the paper?' }] };
    const answer = await threads.ask(request);
    expect(answer.query).not.toBe(request.question);
    expect(answer).toEqual(await engine.answerer.ask(request));
  });

  it('streams the same events as the answerer in this thread: sentences, then the whole response', async () => {
    const collect = async (events: AsyncIterable<AnswerEvent>) => {
      const all: AnswerEvent[] = [];
      for await (const event of events) all.push(event);
      return all;
    };
    for (const question of QUESTIONS.slice(0, 3)) {
      const events = await collect(threads.stream({ question }));
      expect(events.at(-1)?.type).toBe('end');
      expect(events).toEqual(await collect(engine.answerer.stream({ question })));
    }
  });

  it('embeds questions with the model the index was built with: transformers', async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'tiny-model-'));
    await makeTinyModel(modelDir);
    const tiny = await loadTestEngine({ EMBEDDER: 'transformers', EMBEDDING_MODEL: TINY_MODEL_NAME, MODEL_DIR: modelDir });
    const pool = startAnswerThreads({ threads: 1, config: tiny.config, logger: silentLogger });
    try {
      await pool.load(tiny.ingest.stored.data);
      for (const question of QUESTIONS.slice(0, 4)) expect(await pool.ask({ question })).toEqual(await tiny.answerer.ask({ question }));
    } finally {
      await pool.close();
    }
  });

  it('names the dense kernel the threads scan with', () => {
    expect(threads.kernel).toBe('wasm-simd');
  });

  it('fails to start, saying why, when a thread cannot build its index', async () => {
    const broken = { ...data, vectors: data.vectors.subarray(1) };
    await expect(startAnswerThreads({ threads: 1, config, logger: silentLogger }).load(broken)).rejects.toThrow(/stopped before it could answer: .*index vectors hold/);
  });

  it('turns questions away with a 503 until the threads have an index', async () => {
    const unloaded = startAnswerThreads({ threads: 1, config, logger: silentLogger });
    await expect(unloaded.ask({ question: 'Who wrote the paper?' })).rejects.toMatchObject({ status: 503, code: 'answerer_unavailable' });
    await unloaded.close();
  });

  it('fails the questions a dying thread held with a 503, replaces it, and answers again', async () => {
    const logs: string[] = [];
    const entry = new URL('../../fixtures/runtime/faulty-answer-thread.ts', import.meta.url);
    const dying = startAnswerThreads({ threads: 1, config, logger: createLogger({ write: (l) => logs.push(l) }), entry });
    try {
      await dying.load(data);
      const error = await dying.ask({ question: 'die' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 503, code: 'answerer_unavailable' });
      // The replacement takes questions as soon as it exists, and answers them once it has loaded.
      const answer = await dying.ask({ question: 'Who wrote the paper?' });
      expect(answer.citations[0]?.sourceId).toBe('tassev-2024');
      expect(logs.join('\n')).toContain('answer thread stopped; starting another');
    } finally {
      await dying.close();
    }
  });

  it('stops a thread stuck on a question once its budget is spent, answers that question 503, and answers the next one', async () => {
    const logs: string[] = [];
    const entry = new URL('../../fixtures/runtime/faulty-answer-thread.ts', import.meta.url);
    const stuck = startAnswerThreads({ threads: 1, config, logger: createLogger({ write: (l) => logs.push(l) }), entry, questionTimeoutMs: 300 });
    try {
      await stuck.load(data);
      const started = performance.now();
      await expect(stuck.ask({ question: 'hang' })).rejects.toMatchObject({ status: 503, code: 'timeout' });
      expect(performance.now() - started).toBeLessThan(2_000);
      // Sent right after the poisoned one: the fresh thread answers it once loaded.
      const answer = await stuck.ask({ question: 'Who wrote the paper?' });
      expect(answer.citations[0]?.sourceId).toBe('tassev-2024');
      expect(logs.join('\n')).toContain('a question outlived its budget; starting another');
    } finally {
      await stuck.close();
    }
  });
});
