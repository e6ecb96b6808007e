import type { Config } from '../../config';
import type { Embedder } from '../../core/embed/embedder';
import { selectEmbedder } from '../../core/embed/select-embedder';
import type { Logger } from '../../core/log';

/** Picks the embedder the configuration asks for (auto: transformers, else lexical) on Node. */
export async function createNodeEmbedder(config: Config, logger: Logger): Promise<Embedder> {
  return selectEmbedder({
    kind: config.EMBEDDER,
    loadTransformers: async () => {
      // Imported lazily: onnxruntime is heavy, and lexical-only runs should not pay for it.
      const { createTransformersEmbedder } = await import('./transformers-embedder');
      const { createProgressBar } = await import('./progress-bar');
      return createTransformersEmbedder({
        model: config.EMBEDDING_MODEL ?? 'Xenova/all-MiniLM-L6-v2',
        modelDir: config.MODEL_DIR,
        onProgress: createProgressBar(process.stderr),
      });
    },
    // Imported lazily too: the `openai` SDK is a tenth of a second of every start that never uses it.
    createOpenAI: async () =>
      (await import('../../core/embed/openai')).loadOpenAIEmbedder({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.EMBEDDING_MODEL ?? 'text-embedding-3-small' }),
    log: (msg, fields) => logger.info(msg, fields as Record<string, unknown>),
  });
}
