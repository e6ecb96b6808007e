/** `npm run ingest`: builds (or incrementally refreshes) the index under DATA_DIR from CORPUS_DIR. */
import { parseConfig } from '../src/config';
import { createLogger } from '../src/core/log';
import { ensureIndex } from '../src/runtime/node/build-index';
import { createNodeEmbedder } from '../src/runtime/node/embedder';
import { runCli } from './lib/cli';

await runCli(async () => {
  const config = parseConfig(process.env);
  const logger = createLogger({ level: config.LOG_LEVEL, write: (line) => console.error(line) });
  const started = performance.now();
  const embedder = await createNodeEmbedder(config, logger);
  const result = await ensureIndex({ corpusDir: config.CORPUS_DIR, dataDir: config.DATA_DIR, embedder, log: (m, f) => logger.info(m, f) });
  const { data } = result.stored;
  console.log(
    `${result.written ? 'Index written' : 'Index already up to date'}: ${data.sources.length} sources, ${data.chunks.length} chunks ` +
      `(${result.embedded} embedded, ${result.reused} reused) with ${data.embedder.model} in ${Math.round(performance.now() - started)} ms → ${config.DATA_DIR}`,
  );
  for (const e of result.corpus.errors) console.log(`Skipped ${e.file}: ${e.message}`);
});
