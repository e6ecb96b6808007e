import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AnswerContext } from '../../src/core/answer/context';
import { resolveFollowUp } from '../../src/core/answer/follow-up';
import type { Answerer, AskResponse } from '../../src/core/answer/types';
import type { Embedder } from '../../src/core/embed/embedder';
import type { SearchIndex } from '../../src/core/search/search-index';
import { retrieve } from '../../src/core/search/retrieve';

const caseSchema = z.object({
  id: z.string(),
  category: z.string(),
  question: z.string(),
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).optional(),
  answerable: z.boolean(),
  sources: z.array(z.string()),
  facts: z.array(z.string()),
  retrieval: z.boolean().optional(),
  /** What sources and facts cannot say: a yes/no opening, exactly these sources, a count, the kind of answer. */
  expect: z
    .object({
      yesNo: z.enum(['yes', 'no']).optional(),
      exactSources: z.array(z.string()).optional(),
      count: z.number().int().min(0).optional(),
      intent: z.enum(['answer', 'bibliographic', 'briefing', 'decline']).optional(),
    })
    .optional(),
});
export type EvalCase = z.infer<typeof caseSchema>;

/**
 * The sets `npm run eval` reads: `cases` is the one tuned on (and gated by `npm test`); `holdout`
 * and `sealed` are written from the seed alone by someone who has not read the answering code,
 * never tuned on, printed and never gated. A held-out case is added to, never edited.
 */
export const EVAL_SETS = {
  cases: new URL('../../eval/cases.json', import.meta.url),
  holdout: new URL('../../eval/holdout.json', import.meta.url),
  sealed: new URL('../../eval/sealed.json', import.meta.url),
} as const;

export function loadCases(path: URL = EVAL_SETS.cases): EvalCase[] {
  return z.object({ cases: z.array(caseSchema) }).parse(JSON.parse(readFileSync(path, 'utf8'))).cases;
}

export interface RetrievalReport {
  rankers: 'hybrid' | 'dense' | 'bm25';
  cases: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  misses: { id: string; expected: string[]; got: string[] }[];
}

/** Recall@k and MRR of the expected sources among the distinct sources of the top hits. */
export async function evaluateRetrieval(cases: EvalCase[], deps: { index: SearchIndex; embedder: Embedder; context: AnswerContext }, rankers: RetrievalReport['rankers'] = 'hybrid'): Promise<RetrievalReport> {
  const eligible = cases.filter((c) => c.retrieval && c.sources.length);
  let r1 = 0;
  let r5 = 0;
  let rr = 0;
  const misses: RetrievalReport['misses'] = [];
  for (const c of eligible) {
    const query = resolveFollowUp(c.question, c.history, deps.context.terms);
    const hits = await retrieve({ query, index: deps.index, embedder: deps.embedder, topK: 20, rankers });
    const ranked = [...new Set(hits.map((h) => h.source.id))];
    const found = (k: number) => c.sources.filter((s) => ranked.slice(0, k).includes(s)).length / c.sources.length;
    r1 += found(1);
    r5 += found(5);
    const first = ranked.findIndex((s) => c.sources.includes(s));
    rr += first === -1 ? 0 : 1 / (first + 1);
    if (found(5) < 1) misses.push({ id: c.id, expected: c.sources, got: ranked.slice(0, 5) });
  }
  const n = eligible.length || 1;
  return { rankers, cases: eligible.length, recallAt1: r1 / n, recallAt5: r5 / n, mrr: rr / n, misses };
}

export interface CaseResult {
  id: string;
  category: string;
  pass: boolean;
  problems: string[];
  response: AskResponse;
}

export interface AnswerReport {
  cases: number;
  passRate: number;
  /** Share of citations (in answerable cases) pointing at a source the case expects. */
  citationPrecision: number;
  /** Share of quotes found word for word in their source. */
  quotesVerbatim: number;
  /** Share of cases whose answerable flag is right. */
  abstentionAccuracy: number;
  /** Citations to ids that are not in the corpus: must be 0. */
  unknownSources: number;
  /** Of the cases the sources answer, the share the bot declined. */
  answerableDeclined: number;
  /** Of the cases it must decline, the share it answered. */
  unanswerableAnswered: number;
  results: CaseResult[];
}

const norm = (s: string) => s.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-');

/** Runs every case through an answerer and checks the answer against the case's expectations. */
export async function evaluateAnswers(cases: EvalCase[], answerer: Answerer, index: SearchIndex): Promise<AnswerReport> {
  const results: CaseResult[] = [];
  let citations = 0;
  let precise = 0;
  let quotes = 0;
  let verbatim = 0;
  let rightFlag = 0;
  let unknown = 0;
  for (const c of cases) {
    const response = await answerer.ask({ question: c.question, history: c.history });
    const problems: string[] = [];
    if (response.answerable !== c.answerable) problems.push(`answerable is ${response.answerable}, expected ${c.answerable}`);
    else rightFlag++;
    const cited = response.citations.map((x) => x.sourceId);
    for (const s of c.sources) if (!cited.includes(s)) problems.push(`does not cite ${s}`);
    for (const f of c.facts) if (!norm(response.answer).includes(norm(f))) problems.push(`answer lacks "${f}"`);
    if (!c.answerable && response.citations.length) problems.push('an abstention cites sources');
    problems.push(...unmetExpectations(c, response));
    const markers = [...new Set([...response.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    const numbers = response.citations.map((x) => x.n).sort((a, b) => a - b);
    if (markers.join() !== numbers.join() || numbers.some((n, i) => n !== i + 1)) problems.push(`markers [${markers}] do not match citations [${numbers}]`);
    for (const x of response.citations) {
      const source = index.sourceById.get(x.sourceId);
      if (!source) {
        unknown++;
        problems.push(`cites unknown source ${x.sourceId}`);
        continue;
      }
      quotes++;
      if (x.quote && source.text.includes(x.quote)) verbatim++;
      else problems.push(`quote for [${x.n}] is not verbatim in ${x.sourceId}`);
      if (c.answerable) {
        citations++;
        if (c.sources.includes(x.sourceId)) precise++;
      }
    }
    results.push({ id: c.id, category: c.category, pass: problems.length === 0, problems, response });
  }
  const n = cases.length || 1;
  return {
    cases: cases.length,
    passRate: results.filter((r) => r.pass).length / n,
    citationPrecision: citations ? precise / citations : 1,
    quotesVerbatim: quotes ? verbatim / quotes : 1,
    abstentionAccuracy: rightFlag / n,
    unknownSources: unknown,
    answerableDeclined: share(results, cases, (c, r) => c.answerable && !r.response.answerable, (c) => c.answerable),
    unanswerableAnswered: share(results, cases, (c, r) => !c.answerable && r.response.answerable, (c) => !c.answerable),
    results,
  };
}

function share(results: CaseResult[], cases: EvalCase[], hit: (c: EvalCase, r: CaseResult) => boolean, of: (c: EvalCase) => boolean): number {
  const eligible = cases.map((c, i) => [c, results[i]!] as const).filter(([c]) => of(c));
  return eligible.length ? eligible.filter(([c, r]) => hit(c, r)).length / eligible.length : 0;
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** The problems with a response by the case's `expect`, one line each. */
function unmetExpectations({ expect: want }: EvalCase, response: AskResponse): string[] {
  if (!want) return [];
  const problems: string[] = [];
  const cited = [...new Set(response.citations.map((x) => x.sourceId))].sort();
  if (want.yesNo && !new RegExp(`^${want.yesNo}\\b`, 'i').test(response.answer.trim())) problems.push(`does not open with "${want.yesNo}"`);
  if (want.exactSources && cited.join() !== [...want.exactSources].sort().join()) problems.push(`cites ${cited.join(', ') || 'nothing'}, expected exactly ${want.exactSources.join(', ')}`);
  if (want.count !== undefined) {
    if (cited.length !== want.count) problems.push(`lists ${cited.length} sources, expected ${want.count}`);
    // A "Yes." or "No." that answers a yes/no list question comes before the lead sentence.
    const lead = norm(response.answer.replace(/^(?:yes|no)\.\s+/i, '').split(/(?<=[.:])\s/)[0] ?? '');
    const named = [String(want.count), NUMBER_WORDS[want.count]].filter(Boolean).some((w) => new RegExp(`\\b${w}\\b`, 'i').test(lead));
    if (!named) problems.push(`the lead sentence does not give the count ${want.count}`);
  }
  // The response does not name its intent: declining is `answerable: false`; a briefing draws on the abstract.
  if (want.intent === 'decline' && response.answerable) problems.push('answered, expected a decline');
  if (want.intent && want.intent !== 'decline' && !response.answerable) problems.push(`declined, expected ${want.intent}`);
  if (want.intent === 'briefing' && !cited.includes('tassev-2024-abstract')) problems.push('a briefing that does not draw on the abstract');
  return problems;
}
