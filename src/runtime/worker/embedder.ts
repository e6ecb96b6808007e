import type { Config } from '../../config';
import type { Embedder } from '../../core/embed/embedder';
import { createLexicalEmbedder } from '../../core/embed/lexical';
import { createOpenAIEmbedder } from '../../core/embed/openai';
import type { EmbedderInfo } from '../../core/ingest/types';

/** Embedder kinds that run inside a Worker: no native code, no model files. */
export const WORKER_EMBEDDERS = ['lexical', 'openai'] as const;

/**
 * The query embedder for a bundled index: the kind and model it was built with, since vectors from
 * any other embedder are not comparable. EMBEDDER, when set to more than `auto`, must agree with
 * the bundle, so a deploy that forgot to rebuild fails loudly instead of answering badly.
 */
export function workerEmbedder(info: EmbedderInfo, config: Config): Embedder {
  const rebuild = `rebuild the bundle with \`EMBEDDER=${config.EMBEDDER === 'auto' ? info.name : config.EMBEDDER} npm run build:worker\` (wrangler deploy runs it)`;
  if (config.EMBEDDER !== 'auto' && config.EMBEDDER !== info.name) {
    throw new Error(`EMBEDDER=${config.EMBEDDER}, but the bundled index was built with ${info.name} (${info.model}): ${rebuild}`);
  }
  if (info.name === 'lexical') {
    const lexical = createLexicalEmbedder({ dimension: info.dimension });
    if (lexical.model !== info.model) throw new Error(`the bundled index was built with ${info.model}, this code embeds with ${lexical.model}: ${rebuild}`);
    return lexical;
  }
  if (info.name === 'openai') {
    return createOpenAIEmbedder({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: info.model, dimension: info.dimension });
  }
  throw new Error(`the bundled index was built with the ${info.name} embedder, which cannot run on Workers (${WORKER_EMBEDDERS.join(' or ')} can): ${rebuild}`);
}
