import { createAnswerer } from '../../../../src/core/answer/answerer';
import { createAnswerContext } from '../../../../src/core/answer/context';
import { createOpenAIChatClient } from '../../../../src/core/answer/llm/client';
import { createLlmAnswerer, type LlmAnswererDeps } from '../../../../src/core/answer/llm/llm-answerer';
import { buildPassages, type Passage } from '../../../../src/core/answer/llm/passages';
import { silentLogger } from '../../../../src/core/log';
import { loadTestEngine } from '../../../helpers/engine';

export const MODEL_URL = 'http://llm.test/v1';

let shared: ReturnType<typeof load> | undefined;
async function load() {
  const engine = await loadTestEngine();
  const context = createAnswerContext(engine.index);
  const extractive = createAnswerer({ index: engine.index, embedder: engine.embedder, logger: silentLogger, context });
  return { ...engine, context, extractive };
}

/** The real index (lexical, built once per test file) with its answer context and extractive answerer. */
export const testEngine = () => (shared ??= load());

/** An LLM answerer over the real index, talking to the model at MODEL_URL through the real SDK client. */
export async function llmAnswerer(overrides: Partial<LlmAnswererDeps> = {}) {
  const { index, embedder, context, extractive } = await testEngine();
  return createLlmAnswerer({
    chat: createOpenAIChatClient({ apiKey: 'test', baseURL: MODEL_URL, model: 'stand-in' }),
    fallback: extractive,
    index,
    embedder,
    context,
    logger: silentLogger,
    timeoutMs: 2_000,
    retry: { attempts: 3, baseDelayMs: 10 },
    ...overrides,
  });
}

/** The passage for one chunk: a source id, and for prose the chunk's opening words. */
export async function passageOf(sourceId: string, startsWith = ''): Promise<Passage> {
  const { index, context } = await testEngine();
  const i = index.chunks.findIndex((c) => c.sourceId === sourceId && c.text.startsWith(startsWith));
  if (i < 0) throw new Error(`no chunk of ${sourceId} starts with "${startsWith}"`);
  return buildPassages([{ chunk: index.chunks[i]!, source: index.chunkSources[i]!, score: 0, dense: 0, denseLift: 0, bm25: 0 }], context)[0]!;
}
