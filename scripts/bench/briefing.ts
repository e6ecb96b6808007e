/**
 * Briefings against answers, in one process and one run: the extractive briefing on the whole
 * corpus and on topics, and the bench's questions answered, in interleaved rounds so drift hits
 * both alike. The bar is a briefing costing at most 10x an answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/core/log';
import { loadNodeEngine } from '../../src/runtime/node/engine';
import type { BriefRequest } from '../../src/core/brief/types';
import { QUESTIONS } from './questions';

export interface BriefingRow {
  /** "answer (bench questions)", "briefing, whole corpus", "briefing: Central Asia"… */
  name: string;
  usPerCall: number;
  calls: number;
}

const BRIEFS: [string, BriefRequest][] = [
  ['briefing, whole corpus', {}],
  ['briefing, whole corpus, short', { length: 'short' }],
  ['briefing: Central Asia', { topic: 'Central Asia' }],
  ["briefing: ISKP's media strategy", { topic: "ISKP's media strategy" }],
];

export async function benchBriefing(corpusDir: string, rounds: number): Promise<BriefingRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iskp-bench-brief-'));
  try {
    const { answerer } = await loadNodeEngine(parseConfig({ EMBEDDER: 'lexical', DATA_DIR: dataDir, CORPUS_DIR: corpusDir }), silentLogger);
    const work: [string, () => Promise<unknown>][] = [
      ['answer (bench questions, mean)', async () => { for (const question of QUESTIONS) await answerer.ask({ question }); }],
      ...BRIEFS.map(([name, request]): [string, () => Promise<unknown>] => [name, () => answerer.brief(request)]),
    ];
    for (let i = 0; i < 50; i++) for (const [, run] of work) await run();
    const totals = work.map(() => ({ ms: 0, calls: 0 }));
    for (let round = 0; round < rounds; round++) {
      for (const [at, [, run]] of work.entries()) {
        const total = totals[at]!;
        const until = performance.now() + 200;
        while (performance.now() < until) {
          const start = performance.now();
          await run();
          total.ms += performance.now() - start;
          total.calls += at === 0 ? QUESTIONS.length : 1;
        }
      }
    }
    return work.map(([name], i) => ({ name, usPerCall: (totals[i]!.ms * 1000) / totals[i]!.calls, calls: totals[i]!.calls }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
