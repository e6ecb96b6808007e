/** The bench's results as markdown tables, and the targets checked against them. */
import type { AnswerLoopRow } from './answer-loop';
import type { BriefingRow } from './briefing';
import type { ApiResult, YardstickResult } from './api';
import type { LoadResult } from './http-load';
import type { ColdStartRow } from './cold-start';
import type { IngestRow } from './ingest';
import type { LargerCorpusRow } from './larger-corpus';
import type { RetrievalRow } from './retrieval';
import type { WireRow } from './wire';
import { round, table } from './stats';

export interface BenchResults {
  machine: { cores: number; cpu: string; node: string; loadAverage: { start: number[]; end: number[] } };
  settings: Record<string, unknown>;
  /** The answer threads of the `api` section's server (ANSWER_THREADS=auto on this machine). */
  answerThreads?: number;
  api?: ApiResult[];
  /** Bytes on the wire of widget.js, the demo page and answers: as they are, gzip and br. */
  wire?: WireRow[];
  /** The same server answering on its event loop (ANSWER_THREADS=0); absent when `api` already did. */
  apiEventLoop?: ApiResult[];
  /** `/api/ask` with the rate limit's buckets in Redis against in process, two servers in the same rounds. */
  sharedState?: ApiResult[];
  /** The same request shapes against a bare Hono app: what HTTP and the framework cost alone. */
  floor?: LoadResult[];
  /** `/healthz` against routes that only compute N µs more: what the harness reads for a known extra cost. */
  yardstick?: YardstickResult[];
  /** The answer path in one process, warm and with the caches swept before each question. */
  answerLoop?: AnswerLoopRow[];
  /** Extractive briefings against extractive answers, in one process. */
  briefing?: BriefingRow[];
  retrieval?: RetrievalRow[];
  /** A corpus grown with synthetic documents: asks, and `/healthz` while they run, on threads and on the event loop. */
  largerCorpus?: LargerCorpusRow[];
  coldStart?: ColdStartRow[];
  ingest?: IngestRow[];
}

export interface Target {
  target: string;
  measured: string;
  met: boolean;
}

export function checkTargets(r: BenchResults): Target[] {
  const out: Target[] = [];
  const ask = r.api?.find((a) => a.name === 'POST /api/ask');
  if (ask) {
    out.push({ target: '/api/ask throughput >= 0.5x /healthz', measured: `${round(ask.ratio)}x (rounds ${span(ask.roundRatios)})`, met: ask.ratio >= 0.5 });
    out.push({ target: '/api/ask p99 <= 25 ms (8 connections)', measured: `${round(ask.p99)} ms`, met: ask.p99 <= 25 });
  }
  const askBr = r.api?.find((a) => a.name === 'POST /api/ask, Accept-Encoding: br, gzip');
  const askGzip = r.api?.find((a) => a.name === 'POST /api/ask, Accept-Encoding: gzip');
  if (ask && askBr && askGzip) {
    // Throughput against the uncompressed row in the same rounds: what compressing each answer costs.
    const br = askBr.ratio / ask.ratio;
    out.push({ target: '/api/ask compressed (br) >= 0.9x uncompressed', measured: `${round(br)}x; gzip ${round(askGzip.ratio / ask.ratio)}x`, met: br >= 0.9 });
  }
  const completions = r.api?.find((a) => a.name === 'POST /v1/chat/completions');
  if (ask && completions) {
    // Cost relative to /api/ask in the same rounds: what the OpenAI shape adds to the same answer.
    const slower = ask.ratio / completions.ratio;
    out.push({ target: '/v1/chat/completions within 1.2x of /api/ask', measured: `${round(slower)}x (${round(completions.ratio)}x /healthz)`, met: slower <= 1.2 });
  }
  const redis = r.sharedState?.[1];
  if (redis) out.push({ target: '/api/ask with REDIS_URL >= 0.8x in process', measured: `${round(redis.ratio)}x (rounds ${span(redis.roundRatios)})`, met: redis.ratio >= 0.8 });
  if (r.api) {
    const errors = [...r.api, ...(r.sharedState ?? [])].reduce((n, a) => n + a.errors, 0);
    out.push({ target: 'zero errors under load', measured: String(errors), met: errors === 0 });
  }
  for (const row of r.retrieval ?? []) {
    const limit = row.chunks === 10_000 ? 5 : row.chunks === 100_000 ? 50 : undefined;
    if (limit) out.push({ target: `retrieval p95 <= ${limit} ms at ${row.chunks / 1000}k chunks`, measured: `${round(row.retrieve.p95)} ms`, met: row.retrieve.p95 <= limit });
    const ratio = row.retrieve.p95 / row.floor.p95;
    out.push({ target: `retrieval p95 within 2x brute force at ${row.chunks / 1000}k`, measured: `${round(ratio)}x`, met: ratio <= 2 });
  }
  const [answer, ...briefs] = r.briefing ?? [];
  if (answer && briefs.length) {
    const worst = Math.max(...briefs.map((b) => b.usPerCall)) / answer.usPerCall;
    out.push({ target: 'extractive briefing <= 10x an extractive answer', measured: `${round(worst)}x (the costliest briefing)`, met: worst <= 10 });
  }
  const present = r.coldStart?.find((c) => c.index === 'present');
  if (present) out.push({ target: 'cold start to first answer <= 2 s (index present)', measured: `${round(present.firstAnswerMs)} ms`, met: present.firstAnswerMs <= 2000 });
  return out;
}

export function renderMarkdown(r: BenchResults): string {
  const parts: string[] = [];
  const { machine } = r;
  parts.push(
    `Machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}; load average ${machine.loadAverage.start.map(round).join(' / ')} at start, ` +
      `${machine.loadAverage.end.map(round).join(' / ')} at end (1 / 5 / 15 min).`,
  );
  const httpTable = (rows: ApiResult[]) =>
    table(
      ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'x /healthz', 'by round', 'server CPU µs/req'],
      rows.map((a) => [a.name, a.rps, a.p50, a.p99, a.errors, a.ratio, span(a.roundRatios), a.cpuMsPerRequest * 1000]),
    );
  if (r.api) parts.push(`### HTTP, seed corpus, extractive answers, answering ${threads(r.answerThreads)} (ANSWER_THREADS=auto)\n\n${httpTable(r.api)}`);
  if (r.wire) {
    parts.push(
      '### Size on the wire: the response body as it is, gzip and br (Accept-Encoding), same server build\n\n' +
        table(['response', 'bytes', 'gzip', 'br', 'br x as it is'], r.wire.map((w) => [w.name, Math.round(w.identity), Math.round(w.gzip), Math.round(w.br), w.br / w.identity])),
    );
  }
  if (r.apiEventLoop) parts.push(`### The same, answering on the event loop (ANSWER_THREADS=0), same run\n\n${httpTable(r.apiEventLoop)}`);
  if (r.sharedState) {
    parts.push(
      '### Shared state: the rate limit on (never reached), buckets in process and in Redis, two servers, same rounds\n\n' +
        table(
          ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'x in process', 'by round', 'server CPU µs/req'],
          r.sharedState.map((a) => [a.name, a.rps, a.p50, a.p99, a.errors, a.ratio, span(a.roundRatios), a.cpuMsPerRequest * 1000]),
        ),
    );
  }
  if (r.floor) {
    parts.push(
      '### The floor: a bare Hono app on the same Node HTTP server, same run\n\n' +
        table(['route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'server CPU µs/req'], r.floor.map((a) => [a.name, a.rps, a.p50, a.p99, a.errors, a.cpuMsPerRequest * 1000])),
    );
  }
  if (r.yardstick) {
    parts.push(
      '### The yardstick: the same middleware, routes that compute N µs more than `/healthz`, same run\n\n' +
        table(
          ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'x /healthz', 'by round', 'x if cost were healthz + N', 'server CPU µs/req'],
          r.yardstick.map((a) => [a.name, a.rps, a.p50, a.p99, a.errors, a.ratio, span(a.roundRatios), a.expected, a.cpuMsPerRequest * 1000]),
        ),
    );
  }
  if (r.answerLoop) {
    const warm = r.answerLoop.find((x) => x.sweptMB === 0)?.usPerAsk ?? NaN;
    parts.push(
      '### Answering in one process, warm and with the caches swept before each question\n\n' +
        table(['swept before each question', 'µs per answer', 'x warm', 'answers'], r.answerLoop.map((x) => [x.sweptMB ? `${x.sweptMB} MB` : 'nothing (warm)', x.usPerAsk, x.usPerAsk / warm, x.asks])),
    );
  }
  if (r.briefing?.length) {
    const answer = r.briefing[0]!.usPerCall;
    parts.push('### Briefings against answers, in one process, same run\n\n' + table(['call', 'µs per call', 'x an answer', 'calls'], r.briefing.map((b) => [b.name, b.usPerCall, b.usPerCall / answer, b.calls])));
  }
  if (r.retrieval) {
    parts.push(
      '### Retrieval alone (hybrid, top 8) against the brute-force floor\n\n' +
        table(
          ['chunks', 'kernel', 'retrieve p50 ms', 'p95 ms', 'floor p50 ms', 'floor p95 ms', 'p95 / floor', 'build index ms', 'memory MB', 'store write ms', 'store load ms', 'store MB', 'snapshot load ms'],
          r.retrieval.map((x) => [
            x.chunks.toLocaleString('en'),
            x.kernel,
            x.retrieve.p50,
            x.retrieve.p95,
            x.floor.p50,
            x.floor.p95,
            x.retrieve.p95 / x.floor.p95,
            x.buildMs,
            x.memoryMB,
            x.store?.writeMs ?? '–',
            x.store?.loadMs ?? '–',
            x.store?.megabytes ?? '–',
            x.snapshot.decodeMs,
          ]),
        ) +
        r.retrieval
          .filter((x) => x.storeNote)
          .map((x) => `\n\nStore at ${x.chunks.toLocaleString('en')} chunks: ${x.storeNote}.`)
          .join(''),
    );
  }
  if (r.largerCorpus) {
    parts.push(
      '### A larger corpus: `/api/ask` alone, and `/healthz` from one client while eight ask\n\n' +
        table(
          ['answering', 'chunks', '/api/ask req/s', '/api/ask p99 ms', '/healthz under asks req/s', 'p50 ms', 'p99 ms'],
          r.largerCorpus.map((x) => [threads(x.answerThreads), x.chunks, x.ask.rps, x.ask.p99, x.probe.rps, x.probe.p50, x.probe.p99]),
        ),
    );
  }
  if (r.coldStart) {
    parts.push(
      '### Cold start: process spawn to first answered `/api/ask`\n\n' +
        table(
          ['index', 'listening ms', 'first answer ms', 'runs'],
          r.coldStart.map((c) => [c.index, c.listeningMs, c.firstAnswerMs, c.runs]),
        ),
    );
  }
  if (r.ingest) {
    parts.push('### Ingest of the seed corpus\n\n' + table(['embedder', 'chunks', 'ms', 'note'], r.ingest.map((i) => [i.embedder, i.chunks ?? '–', i.ms ?? '–', i.note ?? ''])));
  }
  const targets = checkTargets(r);
  if (targets.length) parts.push('### Targets\n\n' + table(['target', 'measured', 'met'], targets.map((t) => [t.target, t.measured, t.met ? 'yes' : 'no'])));
  return parts.join('\n\n');
}

const threads = (n = 0) => (n === 0 ? 'on the event loop' : `on ${n} thread${n > 1 ? 's' : ''}`);

/** "0.41-0.47": a range of ratios, one figure when it has no width. */
const span = ([min, max]: readonly [number, number]) => (round(min) === round(max) ? String(round(min)) : `${round(min)}-${round(max)}`);
