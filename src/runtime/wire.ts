import { createAnswerer } from '../core/answer/answerer';
import { createAnswerContext } from '../core/answer/context';
import { createOpenAIChatClient } from '../core/answer/llm/client';
import { createLlmAnswerer } from '../core/answer/llm/llm-answerer';
import type { Answerer } from '../core/answer/types';
import type { Embedder } from '../core/embed/embedder';
import type { IndexData } from '../core/ingest/types';
import type { Logger } from '../core/log';
import { createSearchIndex, type SearchIndex } from '../core/search/search-index';
import { llmConfigured, type Config } from '../config';

export interface Engine {
  index: SearchIndex;
  embedder: Embedder;
  answerer: Answerer;
}

/**
 * The one wiring of configuration → index → answerer, for Node, the Worker and the answer threads:
 * the search index over `data` (searched with `embedder`, the runtime's own), and the answerer
 * the configuration asks for: the LLM one (falling back to the extractive one) when
 * OPENAI_API_KEY or OPENAI_BASE_URL is set, else the extractive one.
 */
export function wireEngine({ config, data, embedder, logger, dotProduct, fetch }: {
  config: Config;
  data: IndexData;
  embedder: Embedder;
  logger: Logger;
  /** The compiled dot-product.wasm; without it, the JS dense scan. */
  dotProduct?: WebAssembly.Module;
  /** The model client's fetch; the global one when absent. */
  fetch?: typeof globalThis.fetch;
}): Engine {
  const index = createSearchIndex(data, { dotProduct });
  const context = createAnswerContext(index);
  const extractive = createAnswerer({ index, embedder, logger, context });
  if (!llmConfigured(config)) return { index, embedder, answerer: extractive };
  const chat = createOpenAIChatClient({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.LLM_MODEL, fetch });
  logger.info('answering with a language model', { model: config.LLM_MODEL, baseURL: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' });
  return { index, embedder, answerer: createLlmAnswerer({ chat, fallback: extractive, index, embedder, context, logger, timeoutMs: config.LLM_TIMEOUT_MS }) };
}
