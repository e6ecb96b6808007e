import { llmConfigured, type Config } from '../../config';
import type { Embedder } from '../../embed/embedder';
import type { SearchIndex } from '../../index/search-index';
import type { Logger } from '../../log';
import { createAnswerer } from '../answerer';
import { createAnswerContext } from '../context';
import type { Answerer } from '../types';
import { createOpenAIChatClient } from './client';
import { createLlmAnswerer } from './llm-answerer';

/**
 * The answerer the configuration asks for, on any runtime: the LLM one (falling back to the
 * extractive one) when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the extractive one.
 */
export function createConfiguredAnswerer({ config, index, embedder, logger, fetch }: {
  config: Config;
  index: SearchIndex;
  embedder: Embedder;
  logger: Logger;
  fetch?: typeof globalThis.fetch;
}): Answerer {
  const context = createAnswerContext(index);
  const extractive = createAnswerer({ index, embedder, logger, context });
  if (!llmConfigured(config)) return extractive;
  const chat = createOpenAIChatClient({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.LLM_MODEL, fetch });
  logger.info('answering with a language model', { model: config.LLM_MODEL, baseURL: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' });
  return createLlmAnswerer({ chat, fallback: extractive, index, embedder, context, logger, timeoutMs: config.LLM_TIMEOUT_MS });
}
