/**
 * `npm run build:worker-index`: writes dist/worker-index.bin, the index the Worker bundles.
 * Embeds with the lexical embedder unless EMBEDDER=openai (then OPENAI_API_KEY, and optionally
 * OPENAI_BASE_URL / EMBEDDING_MODEL, must be set here and as Worker secrets/vars too).
 */
import { ConfigError, parseConfig, type Config } from '../src/config';
import type { Embedder } from '../src/core/embed/embedder';
import { createLexicalEmbedder } from '../src/core/embed/lexical';
import { loadOpenAIEmbedder } from '../src/core/embed/openai';
import { writeSnapshot } from '../src/runtime/node/write-snapshot';
import { createLogger } from '../src/core/log';
import { runCli } from './lib/cli';

const OUT = 'dist/worker-index.bin';

async function snapshotEmbedder(config: Config): Promise<Embedder> {
  switch (config.EMBEDDER) {
    // `auto` means "the best that runs here", and on Workers that is lexical.
    case 'auto':
    case 'lexical':
      return createLexicalEmbedder();
    case 'openai':
      return loadOpenAIEmbedder({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.EMBEDDING_MODEL ?? 'text-embedding-3-small' });
    default:
      throw new ConfigError(`EMBEDDER=${config.EMBEDDER} cannot embed questions on Workers; use lexical (default) or openai`);
  }
}

await runCli(async () => {
  const config = parseConfig(process.env);
  const logger = createLogger({ level: config.LOG_LEVEL, write: (line) => console.error(line) });
  const started = performance.now();
  const embedder = await snapshotEmbedder(config);
  const result = await writeSnapshot({ corpusDir: config.CORPUS_DIR, out: OUT, embedder, log: (m, f) => logger.warn(m, f) });
  console.error(
    `${result.written ? 'Worker index written' : 'Worker index up to date'}: ${result.chunks} chunks, ${(result.bytes / 1024).toFixed(1)} KiB, ` +
      `${embedder.model}, ${Math.round(performance.now() - started)} ms → ${OUT}`,
  );
});
