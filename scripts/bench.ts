/**
 * `npm run bench`: the answer path against the server's own limit (`/healthz`), on answer threads
 * as `npm start` runs it and on the event loop, a bare Hono app
 * and a yardstick (routes that compute N µs longer than `/healthz`) to read that ratio by,
 * `/api/ask` asking for compression against not, the bytes compression saves on the wire, the
 * same answers in one process (warm, and with the caches swept), retrieval at 1k-100k chunks
 * against a brute-force floor, cold start and ingest. Prints markdown tables, or with `--json`
 * the same figures as JSON; `--quick` for a short run (about 75 s, no 100k).
 * docs/benchmarks.md explains the columns and holds the latest figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config';
import { createLexicalEmbedder } from '../src/core/embed/lexical';
import { ensureIndex } from '../src/runtime/node/build-index';
import { answerThreadCount } from '../src/runtime/node/answer-threads';
import { benchAnswerLoop } from './bench/answer-loop';
import { benchBriefing } from './bench/briefing';
import { benchApi, benchFloor, benchYardstick, EVENT_LOOP_TARGETS } from './bench/api';
import { benchColdStart } from './bench/cold-start';
import { benchIngest } from './bench/ingest';
import { benchLargerCorpus } from './bench/larger-corpus';
import { checkTargets, renderMarkdown, type BenchResults } from './bench/report';
import { benchRetrieval } from './bench/retrieval';
import { benchSharedState } from './bench/shared-state';
import { benchWire } from './bench/wire';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const json = args.has('--json');
const corpusDir = join(import.meta.dirname, '../corpus');

const settings = quick
  ? { http: { rounds: 2, secondsPerRound: 1, connections: 8, warmupSeconds: 1 }, answerLoop: { sweeps: [0, 1, 4], rounds: 2 }, briefingRounds: 2, retrieval: { sizes: [1_000, 10_000], passes: 2, maxStoreSize: 10_000 }, largerCorpus: { syntheticChunks: 1_000, rounds: 1, secondsPerRound: 1 }, coldStartRuns: 1, ingestRuns: 1 }
  : { http: { rounds: 5, secondsPerRound: 3, connections: 8, warmupSeconds: 2 }, answerLoop: { sweeps: [0, 1, 4], rounds: 10 }, briefingRounds: 6, retrieval: { sizes: [1_000, 10_000, 100_000], passes: 5, maxStoreSize: 100_000 }, largerCorpus: { syntheticChunks: 10_000, rounds: 4, secondsPerRound: 3 }, coldStartRuns: 3, ingestRuns: 3 };

const results: BenchResults = {
  machine: { cores: cpus().length, cpu: cpus()[0]?.model.trim() ?? 'unknown', node: process.versions.node, loadAverage: { start: loadavg(), end: [] } },
  settings,
};
const progress = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

progress(`HTTP load, ${settings.http.warmupSeconds} s of warm-up then ${settings.http.rounds} rounds x ${settings.http.secondsPerRound} s per route, ${settings.http.connections} connections`);
// As `npm start` runs on this machine (ANSWER_THREADS=auto), then, if that is on threads, the same
// server answering on its event loop, for the difference the threads make.
const answerThreads = answerThreadCount(parseConfig({}));
results.answerThreads = answerThreads;
results.api = await benchApi(settings.http, { answerThreads });
progress('bytes on the wire: as they are, gzip and br');
results.wire = await benchWire();
if (answerThreads > 0) {
  progress('the same server answering on its event loop (ANSWER_THREADS=0)');
  results.apiEventLoop = await benchApi(settings.http, { answerThreads: 0, targets: EVENT_LOOP_TARGETS });
}
progress('the same questions with the rate limit on, its buckets in process and in Redis (REDIS_URL)');
results.sharedState = await benchSharedState(settings.http);
progress('the same requests against a bare Hono app');
results.floor = await benchFloor(settings.http);
progress('the yardstick: /healthz against routes that only compute longer');
results.yardstick = await benchYardstick(settings.http);

progress('answering in one process, warm and with the caches swept');
results.answerLoop = await benchAnswerLoop(corpusDir, settings.answerLoop);

progress('briefings against answers, in one process');
results.briefing = await benchBriefing(corpusDir, settings.briefingRounds);

progress(`retrieval at ${settings.retrieval.sizes.join(', ')} chunks`);
const embedder = createLexicalEmbedder();
const seedDir = mkdtempSync(join(tmpdir(), 'iskp-bench-seed-'));
const seed = (await ensureIndex({ corpusDir, dataDir: seedDir, embedder })).stored.data;
rmSync(seedDir, { recursive: true, force: true });
results.retrieval = await benchRetrieval(seed, embedder, settings.retrieval);

if (answerThreads > 0) {
  progress(`a corpus grown by ${settings.largerCorpus.syntheticChunks.toLocaleString('en')} synthetic chunks: asks, and /healthz while they run, on threads and on the event loop`);
  results.largerCorpus = await benchLargerCorpus(seed, { ...settings.largerCorpus, answerThreads, connections: settings.http.connections, warmupSeconds: settings.http.warmupSeconds });
}

progress('cold start');
results.coldStart = await benchColdStart(corpusDir, embedder, settings.coldStartRuns);

progress('ingest');
results.ingest = await benchIngest(corpusDir, settings.ingestRuns);

results.machine.loadAverage.end = loadavg();
if (json) console.log(JSON.stringify({ ...results, targets: checkTargets(results) }, null, 2));
else console.log(renderMarkdown(results));
