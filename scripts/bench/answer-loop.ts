/**
 * The same questions answered in one process, with no HTTP around them: once warm, then with the
 * data caches emptied before each question by sweeping a buffer larger than the CPU's caches.
 * Inside the server every answer runs after the HTTP work of other requests; this shows how much
 * of its cost there is memory rather than instructions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/core/log';
import { loadNodeEngine } from '../../src/runtime/node/engine';
import { QUESTIONS } from './questions';

export interface AnswerLoopRow {
  /** Buffer swept between questions; 0 for a warm loop. */
  sweptMB: number;
  /** Time inside `answerer.ask` only, the sweep excluded. */
  usPerAsk: number;
  asks: number;
}

export interface AnswerLoopOptions {
  sweeps: number[];
  /** Rounds of 200 ms per sweep size, interleaved so drift hits every size alike. */
  rounds: number;
}

export async function benchAnswerLoop(corpusDir: string, { sweeps, rounds }: AnswerLoopOptions): Promise<AnswerLoopRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iskp-bench-answer-'));
  try {
    const config = parseConfig({ EMBEDDER: 'lexical', DATA_DIR: dataDir, CORPUS_DIR: corpusDir });
    const { answerer } = await loadNodeEngine(config, silentLogger);
    const requests = QUESTIONS.map((question) => ({ question }));
    for (let i = 0; i < 200; i++) for (const r of requests) await answerer.ask(r);

    const buffer = new Float64Array((Math.max(...sweeps) * 1024 * 1024) / 8);
    let sink = 0;
    // One read-modify-write per 64-byte cache line: every line ends up in cache, displacing the answer's.
    const sweep = (mb: number) => {
      for (let i = 0, end = (mb * 1024 * 1024) / 8; i < end; i += 8) sink += buffer[i]! += 1;
    };
    const totals = sweeps.map(() => ({ ms: 0, asks: 0 }));
    for (let round = 0; round < rounds; round++) {
      for (let s = 0; s < sweeps.length; s++) {
        const at = round % 2 ? sweeps.length - 1 - s : s;
        const mb = sweeps[at]!;
        const total = totals[at]!;
        const until = performance.now() + 200;
        while (performance.now() < until) {
          for (const r of requests) {
            if (mb) sweep(mb);
            const start = performance.now();
            await answerer.ask(r);
            total.ms += performance.now() - start;
            total.asks++;
          }
        }
      }
    }
    if (Number.isNaN(sink)) throw new Error('unreachable: keeps the sweep from being optimised away');
    return sweeps.map((sweptMB, i) => ({ sweptMB, usPerAsk: (totals[i]!.ms * 1000) / totals[i]!.asks, asks: totals[i]!.asks }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
