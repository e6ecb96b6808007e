/**
 * `npm run measure:worker [-- 1000 10000 50000]`: where the bundled index stops suiting Workers.
 * For the real corpus and synthetic ones of growing size it reports the snapshot's size, raw and
 * gzipped, plus the code bundle (against the compressed Worker size limit), and, in workerd itself
 * (Miniflare, the runtime under `wrangler dev`), the isolate start, the first /readyz (decode +
 * BM25 build), the first /api/ask (answer context, suggestion pool) and a warm /api/ask. Node's
 * heap after the same load stands in for isolate memory (128 MB per isolate on Workers). Linux only
 * (workerd's CPU time is read from /proc).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import { loadCorpus } from '../src/core/corpus/load-corpus';
import { createLexicalEmbedder } from '../src/core/embed/lexical';
import { encodeSnapshot } from '../src/core/ingest/snapshot';
import { buildIndexData } from '../src/core/ingest/index-data';
import { readCorpusFiles } from '../src/runtime/node/read-corpus';
import { silentLogger } from '../src/core/log';
import { parseConfig } from '../src/config';
import { loadDotProduct } from '../src/runtime/node/dot-product';
import { loadWorkerEngine } from '../src/runtime/worker/engine';
import { syntheticIndex } from './bench/synthetic-corpus';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const targets = [0, ...(sizes.length ? sizes : [1_000, 10_000, 50_000])];
const OPENAI_DIMENSION = 1536;

// The real bundle, exactly as `wrangler deploy` would upload it (this also runs the [build] step).
const outdir = mkdtempSync(join(tmpdir(), 'iskp-worker-bundle-'));
const dry = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  encoding: 'utf8',
});
if (dry.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${dry.stdout}\n${dry.stderr}`);
const files = readdirSync(outdir);
const named = (suffix: string) => files.find((f) => f.endsWith(suffix))!;
const code = readFileSync(join(outdir, 'worker.js'));
const widget = readFileSync(join(outdir, named('widget.js')));
const dotProductWasm = readFileSync(join(outdir, named('dot-product.wasm')));
const codeGzip = gzipSync(code).length + gzipSync(widget).length + gzipSync(dotProductWasm).length;

const { compatibility_date: compatibilityDate, compatibility_flags: compatibilityFlags } = unstable_readConfig({ config: 'wrangler.toml' });
const embedder = createLexicalEmbedder();
const { data: seed } = await buildIndexData(loadCorpus(await readCorpusFiles('corpus')), embedder);
const mb = (n: number) => (n / 1024 / 1024).toFixed(2);
const rows: string[] = [];

for (const target of targets) {
  // The same synthetic documents the retrieval benchmark uses, so both measure one kind of corpus.
  const data = target ? await syntheticIndex(seed, target, embedder) : seed;
  const snapshot = encodeSnapshot(data);
  const snapshotGzip = gzipSync(snapshot).length;
  // Model embeddings are dense floats that gzip hardly shrinks: counted raw, an upper bound.
  const openaiExtra = data.chunks.length * (OPENAI_DIMENSION - data.embedder.dimension) * 4;

  const heap = nodeHeapAfterLoad(snapshot);
  const workerd = await timeInWorkerd(snapshot);
  rows.push(
    `| ${target ? data.chunks.length : `${data.chunks.length} (real)`} | ${mb(snapshot.length)} | ${mb(snapshotGzip)} | ${mb(snapshotGzip + codeGzip)} | ` +
      `${mb(snapshotGzip + codeGzip + openaiExtra)} | ${workerd.start} | ${workerd.readyz} | ${workerd.firstAsk} | ${workerd.warmAsk} | ${mb(heap)} |`,
  );
  console.error(rows.at(-1));
}

console.log(`Code bundle (worker.js + widget.js + dot-product.wasm): ${mb(code.length + widget.length + dotProductWasm.length)} MB raw, ${mb(codeGzip)} MB gzipped\n`);
console.log('| chunks | snapshot MB | snapshot gz MB | upload gz MB | upload gz MB at 1536 dims (openai, upper bound) | workerd start CPU ms | 1st /readyz CPU ms | 1st /api/ask CPU ms | warm /api/ask CPU ms | Node heap after load MB |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);

/** Heap, array buffers and WebAssembly memory held once the engine is loaded (the snapshot bytes themselves excluded). */
function nodeHeapAfterLoad(snapshot: Uint8Array): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  // With the kernel, as the Worker loads it: the vectors are then copied into WebAssembly memory.
  const engine = loadWorkerEngine({ snapshot, config: parseConfig({}), logger: silentLogger, dotProduct: loadDotProduct() });
  gc?.();
  const after = process.memoryUsage();
  // The dense scan's copy of the vectors is in WebAssembly memory, which arrayBuffers leaves out.
  const wasm = engine.index.dense.kernel === 'wasm-simd' ? engine.index.vectors.byteLength : 0;
  return after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers) + wasm;
}

/**
 * CPU milliseconds workerd spends, read from /proc (all its threads), so the figures hold on a busy
 * machine where wall time would not; CPU time is also what Workers limits.
 */
async function timeInWorkerd(snapshot: Uint8Array) {
  const known = new Set(childWorkerds());
  const mf = new Miniflare({
    modulesRoot: outdir,
    modules: [
      { type: 'ESModule', path: join(outdir, 'worker.js'), contents: code },
      { type: 'Data', path: join(outdir, named('worker-index.bin')), contents: snapshot },
      { type: 'Text', path: join(outdir, named('widget.js')), contents: widget.toString('utf8') },
      { type: 'CompiledWasm', path: join(outdir, named('dot-product.wasm')), contents: dotProductWasm },
    ],
    compatibilityDate,
    compatibilityFlags,
    bindings: { LOG_LEVEL: 'warn' },
  });
  try {
    const url = await mf.ready;
    const pid = childWorkerds().find((p) => !known.has(p));
    if (!pid) throw new Error('could not find the workerd process');
    const start = Math.round(cpuMs(pid));
    const timed = async (path: string, body?: unknown) => {
      const before = cpuMs(pid);
      const res = await mf.dispatchFetch(new URL(path, url), body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      return Math.round(cpuMs(pid) - before);
    };
    await timed('/healthz');
    const readyz = await timed('/readyz');
    const firstAsk = await timed('/api/ask', { question: "What is ISKP's strategy?" });
    const warm = [];
    for (const q of ['Who wrote the paper?', 'Is Daesh Khorasan reorganizing?', 'What is the capital of France?']) warm.push(await timed('/api/ask', { question: q }));
    return { start, readyz, firstAsk, warmAsk: warm.sort((a, b) => a - b)[1]! };
  } finally {
    await mf.dispose();
  }
}

function childWorkerds(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const [comm, rest] = [stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), stat.slice(stat.lastIndexOf(')') + 2)];
        return comm === 'workerd' && Number(rest.split(' ')[1]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function cpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
  return ns / 1e6;
}
