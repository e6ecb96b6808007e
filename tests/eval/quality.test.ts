import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerContext } from '../../src/core/answer/context';
import { evaluateAnswers, evaluateRetrieval, loadCases, type AnswerReport } from '../../scripts/lib/evaluate';
import { loadTestEngine } from '../helpers/engine';

/** The quality bar of `npm run eval`, enforced: a change that drops below it fails the suite. */
describe('evaluation set (eval/cases.json)', () => {
  const cases = loadCases();
  let engine: Awaited<ReturnType<typeof loadTestEngine>>;
  let answers: AnswerReport;
  beforeAll(async () => {
    engine = await loadTestEngine();
    answers = await evaluateAnswers(cases, engine.answerer, engine.index);
  });

  it('has at least 60 cases, 10 of them abstentions, with follow-ups and paraphrases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => !c.answerable).length).toBeGreaterThanOrEqual(10);
    expect(cases.some((c) => c.history?.length)).toBe(true);
    expect(cases.filter((c) => c.category === 'paraphrase').length).toBeGreaterThanOrEqual(5);
  });

  it('retrieves an expected source in the top 5 for at least 95% of questions, MRR >= 0.85', async () => {
    const report = await evaluateRetrieval(cases, { index: engine.index, embedder: engine.embedder, context: createAnswerContext(engine.index) });
    expect(report.recallAt5).toBeGreaterThanOrEqual(0.95);
    expect(report.mrr).toBeGreaterThanOrEqual(0.85);
  });

  it('passes at least 95% of cases, with every quote verbatim and every abstention right', () => {
    const failed = answers.results.filter((r) => !r.pass).map((r) => `${r.id}: ${r.problems.join('; ')}`);
    expect(answers.passRate, failed.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(answers.quotesVerbatim).toBe(1);
    expect(answers.abstentionAccuracy).toBe(1);
  });

  it('never cites a source that is not in the corpus', () => {
    expect(answers.unknownSources).toBe(0);
  });

  it('offers only follow-up questions that it can answer', async () => {
    const offered = new Set(answers.results.flatMap((r) => r.response.followUps));
    expect(offered.size).toBeGreaterThan(3);
    for (const question of offered) expect((await engine.answerer.ask({ question })).answerable, question).toBe(true);
  });
});
