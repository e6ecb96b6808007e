/**
 * `npm run eval`: retrieval (recall@1, recall@5, MRR; hybrid, BM25 alone, dense alone) over
 * eval/cases.json, and answer quality (pass rate, citation precision, verbatim quotes, abstention
 * accuracy, answerable declined, unanswerable answered, briefing-intent precision and recall) over
 * each set side by side: cases.json (the one tuned on), holdout.json, the spent sealed.json and sealed-2.json (never tuned
 * on; see scripts/lib/evaluate.ts); then the briefing set, eval/briefings.json, run through
 * `answerer.brief` (facts present, sentences cited, quotes verbatim, markers consistent, declines).
 * Flags: `--json` prints the full report; `--verbose` lists every case; `--failures` lists the
 * held-out sets' failed cases too; `--llm` evaluates the LLM answerer configured by
 * OPENAI_BASE_URL / OPENAI_API_KEY / LLM_MODEL (see docs/llm.md); `--tiny` (`npm run eval:tiny`)
 * evaluates with the transformers embedder on the generated tiny model (scripts/make-tiny-model.ts,
 * written to MODEL_DIR or a temp folder), its index built in DATA_DIR or a temp folder, never .data:
 * it exercises the semantic support path end to end, its vectors meaning nothing.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnswerContext } from '../src/core/answer/context';
import { createAnswerer } from '../src/core/answer/answerer';
import { llmConfigured, parseConfig } from '../src/config';
import { createLogger } from '../src/core/log';
import { loadNodeEngine } from '../src/runtime/node/engine';
import { EVAL_SETS, evaluateAnswers, evaluateBriefings, evaluateRetrieval, loadBriefingCases, loadCases, type AnswerReport } from './lib/evaluate';
import { runCli } from './lib/cli';

const args = new Set(process.argv.slice(2));
await runCli(async () => {
  const config = parseConfig(args.has('--tiny') ? await tinyModelEnv() : { EMBEDDER: 'lexical', ...process.env });
  const logger = createLogger({ level: 'warn', write: (line) => console.error(line) });
  const llm = args.has('--llm');
  if (llm && !llmConfigured(config)) {
    console.error('--llm needs OPENAI_BASE_URL (a local server) or OPENAI_API_KEY (OpenAI); see docs/llm.md');
    process.exit(2);
  }
  const engine = await loadNodeEngine(config, logger);
  const { index, embedder } = engine;
  const context = createAnswerContext(index);
  // The engine's answerer is the configured one (LLM when set up); without --llm, always extractive.
  const answerer = llm ? engine.answerer : createAnswerer({ index, embedder, logger, context });
  const cases = loadCases();

  const retrieval = [];
  for (const rankers of ['hybrid', 'bm25', 'dense'] as const) retrieval.push(await evaluateRetrieval(cases, { index, embedder, context }, rankers));
  const answers = await evaluateAnswers(cases, answerer, index);
  const sets: [string, AnswerReport][] = [['cases', answers]];
  for (const name of ['holdout', 'sealed', 'sealed-2'] as const) {
    if (existsSync(EVAL_SETS[name])) sets.push([name, await evaluateAnswers(loadCases(EVAL_SETS[name]), answerer, index)]);
  }
  const briefings = await evaluateBriefings(loadBriefingCases(), answerer, index);

  if (args.has('--json')) {
    console.log(JSON.stringify({ embedder: index.embedder, retrieval, answers, sets: Object.fromEntries(sets.slice(1)), briefings }, null, 2));
  } else {
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(`Embedder: ${index.embedder.model}; ${cases.length} cases\n`);
    console.log('Retrieval            cases  recall@1  recall@5    MRR');
    for (const r of retrieval) console.log(`  ${r.rankers.padEnd(18)} ${String(r.cases).padStart(5)}  ${pct(r.recallAt1).padStart(8)}  ${pct(r.recallAt5).padStart(8)}  ${r.mrr.toFixed(3).padStart(5)}`);
    console.log(`\nAnswers (${llm ? `llm: ${config.LLM_MODEL}` : 'extractive'})`);
    if (llm) {
      const byModel = answers.results.filter((r) => r.response.mode === 'llm').length;
      const degraded = answers.results.filter((r) => r.response.notice).length;
      console.log(`  written by the model ${byModel} of ${answers.cases} (the rest extractive: bibliographic, declined or fallback; ${degraded} with a notice)`);
    }
    const row = (label: string, value: (r: AnswerReport) => string) => console.log(`  ${label.padEnd(22)}${sets.map(([, r]) => value(r).padStart(10)).join('')}`);
    console.log(`  ${''.padEnd(22)}${sets.map(([name]) => name.padStart(10)).join('')}`);
    row('cases', (r) => String(r.cases));
    row('pass rate', (r) => pct(r.passRate));
    row('citation precision', (r) => pct(r.citationPrecision));
    row('quotes verbatim', (r) => pct(r.quotesVerbatim));
    row('abstention accuracy', (r) => pct(r.abstentionAccuracy));
    row('answerable declined', (r) => pct(r.answerableDeclined));
    row('unanswerable answered', (r) => pct(r.unanswerableAnswered));
    row('unknown sources', (r) => String(r.unknownSources));
    // Over the cases with `expect.intent`: a response with a `briefing` is a positive.
    const ratio = (x: number | null) => (x === null ? 'n/a' : pct(x));
    row('briefing precision', (r) => ratio(r.briefingIntent.precision));
    row('briefing recall', (r) => ratio(r.briefingIntent.recall));
    for (const [name, report] of sets) {
      if (name !== 'cases' && !args.has('--failures')) continue;
      const failed = report.results.filter((r) => !r.pass);
      if (failed.length) console.log(`\nFailed cases (${name}):\n${failed.map((r) => `  ${r.id}: ${r.problems.join('; ')}`).join('\n')}`);
    }
    for (const m of retrieval[0]!.misses) console.log(`  retrieval miss ${m.id}: expected ${m.expected.join(', ')}, top 5 ${m.got.join(', ')}`);
    console.log(`\nBriefings (eval/briefings.json, answerer.brief)`);
    const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)}${value.replace(/ .*/, '').padStart(10)}${value.replace(/^\S*/, '')}`);
    line('briefings', String(briefings.cases));
    line('pass rate', pct(briefings.passRate));
    line('facts present', pct(briefings.factsPresent));
    line('sentences cited', pct(briefings.sentencesCited));
    line('quotes verbatim', pct(briefings.quotesVerbatim));
    line('markers consistent', pct(briefings.markersConsistent));
    line('must-decline declined', `${pct(briefings.declinesDeclined)} (${Math.round(briefings.declinesDeclined * briefings.mustDecline)} of ${briefings.mustDecline})`);
    line('answerable declined', pct(briefings.answerableDeclined));
    const failedBriefings = briefings.results.filter((r) => !r.pass);
    if (failedBriefings.length) console.log(`\nFailed briefings:\n${failedBriefings.map((r) => `  ${r.id}: ${r.problems.join('; ')}`).join('\n')}`);
    if (args.has('--verbose')) for (const r of answers.results) console.log(`\n[${r.id}] ${r.response.query}\n${r.response.answer}`);
  }
});

/** The environment for `--tiny`: the tiny model generated (cheap when already there) and a data folder apart from the default index. */
async function tinyModelEnv(): Promise<Record<string, string | undefined>> {
  // Imported lazily: it pulls in onnx-proto, which plain runs do not need.
  const { makeTinyModel, TINY_MODEL_NAME } = await import('./make-tiny-model');
  const modelDir = process.env.MODEL_DIR ?? join(tmpdir(), 'iskp-tiny-model');
  await makeTinyModel(modelDir);
  const dataDir = process.env.DATA_DIR ?? join(tmpdir(), 'iskp-tiny-data');
  return { ...process.env, EMBEDDER: 'transformers', EMBEDDING_MODEL: TINY_MODEL_NAME, MODEL_DIR: modelDir, DATA_DIR: dataDir };
}
