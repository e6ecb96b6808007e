/**
 * The server on a corpus grown with synthetic documents, where an answer costs milliseconds:
 * `/api/ask` throughput, and `/healthz` answered by one client while eight ask questions, on
 * answer threads and on the event loop, in alternating rounds. What the threads are for: the
 * seed corpus answers too fast to show that a question holds up every request behind it.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndexData } from '../../src/core/ingest/types';
import { ASK, HEALTHZ } from './api';
import { runLoad } from './http-load';
import { spawnServer, waitReady, type BenchServer } from './server';
import { percentile } from './stats';
import { syntheticDocuments } from './synthetic-corpus';

export interface LargerCorpusRow {
  answerThreads: number;
  chunks: number;
  /** `/api/ask` alone, 8 connections. */
  ask: { rps: number; p99: number };
  /** `/healthz` from one connection while 8 others ask. */
  probe: { rps: number; p50: number; p99: number };
}

export async function benchLargerCorpus(
  seed: Pick<IndexData, 'glossary' | 'sources'>,
  { syntheticChunks, answerThreads, rounds, secondsPerRound, warmupSeconds, connections }: { syntheticChunks: number; answerThreads: number; rounds: number; secondsPerRound: number; warmupSeconds: number; connections: number },
): Promise<LargerCorpusRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'iskp-bench-larger-'));
  const corpusDir = join(root, 'corpus');
  cpSync(join(import.meta.dirname, '../../corpus'), corpusDir, { recursive: true });
  syntheticDocuments(seed, syntheticChunks).sources.forEach((s, i) => writeFileSync(join(corpusDir, `synthetic-${i}.md`), `---\ntitle: ${JSON.stringify(s.title)}\nyear: ${s.year}\n---\n${s.text}\n`));
  const servers: { threads: number; server: BenchServer }[] = [];
  try {
    // One ingest, then a copy of its index for each server, so neither spends the rounds building one.
    const built = join(root, 'data-built');
    const ingest = await spawnServer({ DATA_DIR: built, CORPUS_DIR: corpusDir, ANSWER_THREADS: '0' });
    let chunks: number;
    try {
      await waitReady(ingest);
      chunks = ((await (await fetch(`${ingest.url}/readyz`)).json()) as { chunks: number }).chunks;
    } finally {
      await ingest.stop();
    }
    for (const threads of [answerThreads, 0]) {
      const dataDir = join(root, `data-${threads}`);
      cpSync(built, dataDir, { recursive: true });
      const server = await spawnServer({ DATA_DIR: dataDir, CORPUS_DIR: corpusDir, ANSWER_THREADS: String(threads) });
      servers.push({ threads, server });
      await waitReady(server);
    }
    // Untimed first, as in the HTTP section: a cold answer path would count against whichever ran first.
    for (const { server } of servers) await runLoad(ASK, { url: server.url, connections, secondsPerRound: warmupSeconds }, []);
    const totals = servers.map(() => ({ asks: 0, askSeconds: 0, askLatencies: [] as number[], probes: 0, probeSeconds: 0, probeLatencies: [] as number[] }));
    for (let round = 0; round < rounds; round++) {
      for (const i of round % 2 ? [1, 0] : [0, 1]) {
        const { url } = servers[i]!.server;
        const t = totals[i]!;
        const ask = await runLoad(ASK, { url, connections, secondsPerRound }, t.askLatencies);
        t.asks += ask.requests.total;
        t.askSeconds += ask.duration;
        const [, probe] = await Promise.all([runLoad(ASK, { url, connections, secondsPerRound }, []), runLoad(HEALTHZ, { url, connections: 1, secondsPerRound }, t.probeLatencies)]);
        t.probes += probe.requests.total;
        t.probeSeconds += probe.duration;
      }
    }
    return servers.map(({ threads }, i) => {
      const t = totals[i]!;
      return {
        answerThreads: threads,
        chunks,
        ask: { rps: t.asks / t.askSeconds, p99: percentile(t.askLatencies, 99) },
        probe: { rps: t.probes / t.probeSeconds, p50: percentile(t.probeLatencies, 50), p99: percentile(t.probeLatencies, 99) },
      };
    });
  } finally {
    await Promise.all(servers.map(({ server }) => server.stop()));
    rmSync(root, { recursive: true, force: true });
  }
}
