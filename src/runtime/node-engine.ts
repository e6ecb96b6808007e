import { createConfiguredAnswerer } from '../answer/llm/from-config';
import type { Ready } from '../app';
import type { Config } from '../config';
import type { Embedder } from '../embed/embedder';
import { createLexicalEmbedder } from '../embed/lexical';
import { selectEmbedder } from '../embed/select-embedder';
import { createSearchIndex } from '../index/search-index';
import { ensureIndex, type IngestResult } from '../ingest/build-index';
import type { Logger } from '../log';
import { loadDotProduct } from './node-dot-product';

/** Picks the embedder the configuration asks for (auto: transformers, else lexical) on Node. */
export async function createNodeEmbedder(config: Config, logger: Logger): Promise<Embedder> {
  return selectEmbedder({
    kind: config.EMBEDDER,
    loadTransformers: async () => {
      // Imported lazily: onnxruntime is heavy, and lexical-only runs should not pay for it.
      const { createTransformersEmbedder } = await import('../embed/transformers');
      const { createProgressBar } = await import('../embed/progress-bar');
      return createTransformersEmbedder({
        model: config.EMBEDDING_MODEL ?? 'Xenova/all-MiniLM-L6-v2',
        modelDir: config.MODEL_DIR,
        onProgress: createProgressBar(process.stderr),
      });
    },
    // Imported lazily too: the `openai` SDK is a tenth of a second of every start that never uses it.
    createOpenAI: async () =>
      (await import('../embed/openai')).loadOpenAIEmbedder({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.EMBEDDING_MODEL ?? 'text-embedding-3-small' }),
    log: (msg, fields) => logger.info(msg, fields as Record<string, unknown>),
  });
}

export const lexicalEmbedder = () => createLexicalEmbedder();

/** Embedder, index (built or refreshed from the corpus when needed) and answerer: everything `/readyz` waits for. */
export async function loadNodeEngine(config: Config, logger: Logger, embedder?: Embedder): Promise<Ready & { embedder: Embedder; ingest: IngestResult }> {
  const emb = embedder ?? (await createNodeEmbedder(config, logger));
  const ingest = await ensureIndex({
    corpusDir: config.CORPUS_DIR,
    dataDir: config.DATA_DIR,
    embedder: emb,
    log: (msg, fields) => logger.info(msg, fields),
  });
  const index = createSearchIndex(ingest.stored.data, { dotProduct: loadDotProduct() });
  const answerer = createConfiguredAnswerer({ config, index, embedder: emb, logger });
  return { index, answerer, embedder: emb, ingest };
}
