import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTinyModel, TINY_MODEL_NAME } from '../../../scripts/make-tiny-model';
import { createCitationList } from '../../../src/core/answer/citations';
import { createAnswerContext, type AnswerContext } from '../../../src/core/answer/context';
import { answerFromPassages } from '../../../src/core/answer/extractive';
import { retrieve, type Hit } from '../../../src/core/search/retrieve';
import type { SearchIndex } from '../../../src/core/search/search-index';
import { loadTestEngine } from '../../helpers/engine';

/**
 * The semantic path of the support check: when the index's embedder carries meaning, a passage's
 * closeness in the vectors (`denseLift`) counts as support beside the question's words. Built on
 * the generated tiny BERT (scripts/make-tiny-model.ts), whose vectors mean nothing: what is under
 * test is the plumbing (the flag the context derives from the index, and the lift reaching the
 * check), not the model's judgement, so the lifts below are set by hand.
 */
describe('support from meaning (tiny transformers model)', () => {
  let modelDir: string;
  let tiny: Awaited<ReturnType<typeof loadTestEngine>>;
  let lexical: Awaited<ReturnType<typeof loadTestEngine>>;
  let context: AnswerContext;

  beforeAll(async () => {
    // The model is on disk: any attempt to reach the Hub is a bug, and fails instead of hanging.
    vi.stubGlobal('fetch', async () => {
      throw new Error('network disabled in tests');
    });
    modelDir = await mkdtemp(join(tmpdir(), 'tiny-model-'));
    await makeTinyModel(modelDir);
    [tiny, lexical] = await Promise.all([loadTestEngine({ EMBEDDER: 'transformers', EMBEDDING_MODEL: TINY_MODEL_NAME, MODEL_DIR: modelDir }), loadTestEngine()]);
    context = createAnswerContext(tiny.index);
  });

  afterAll(async () => {
    vi.unstubAllGlobals();
    await Promise.all([modelDir, tiny?.config.DATA_DIR, lexical?.config.DATA_DIR].filter(Boolean).map((dir) => rm(dir!, { recursive: true, force: true })));
  });

  it('counts closeness in the vectors as support for a transformers index, not for a lexical one', async () => {
    expect(tiny.index.embedder).toMatchObject({ name: 'transformers', model: TINY_MODEL_NAME });
    expect(context.semantic).toBe(true);
    expect(lexical.index.embedder.name).toBe('lexical');
    expect(createAnswerContext(lexical.index).semantic).toBe(false);
    // Retrieval on the tiny index gives each hit a lift from the model's vectors.
    const hits = await retrieve({ query: 'What is the main research question?', index: tiny.index, embedder: tiny.embedder });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(Number.isFinite(h.denseLift)).toBe(true);
    expect(hits.some((h) => h.denseLift !== 0)).toBe(true);
  });

  it('quotes a passage far closer than the rest in meaning though it shares no word with the question, and declines on words alone', () => {
    const question = 'Which seminar prompt does the talk take up?';
    const target = 'tassev-2024-abstract#3'; // "This presentation refers to the first question in the workshop regarding how continuities…"
    const hits = [hitOf(tiny.index, target, 5), ...['#0', '#4', '#6', '#10'].map((n) => hitOf(tiny.index, `tassev-2024-abstract${n}`, 0))];

    // No word of the question is in any passage, nor (through the thesaurus) a word it relates to.
    const asked = context.terms.termSet(question);
    expect(asked.size).toBeGreaterThan(0);
    for (const h of hits) {
      const evidence = context.evidence(h);
      expect([...context.terms.termSet(evidence)].filter((t) => asked.has(t)), h.chunk.id).toEqual([]);
      expect(context.support.support(question, evidence).coverage, h.chunk.id).toBe(0);
    }

    const cite = createCitationList();
    const answer = answerFromPassages(question, hits, context, cite);
    expect(answer).toMatch(/^According to Tassev \(2024\), this presentation refers to the first question in the workshop .* \[1\]\.$/);
    expect(cite.list().map((c) => [c.sourceId, c.quote])).toEqual([['tassev-2024-abstract', hits[0]!.chunk.text]]);

    // The same hits, the same context, but the vectors not trusted for meaning: nothing supports the question.
    const declined = createCitationList();
    expect(answerFromPassages(question, hits, { ...context, semantic: false }, declined)).toBeUndefined();
    expect(declined.list()).toEqual([]);
    // And so does the lexical index's own context, lift or no lift.
    expect(answerFromPassages(question, hits, createAnswerContext(lexical.index), createCitationList())).toBeUndefined();
  });

  it('gives no support for a lift at or below chance: the passage must stand out', () => {
    const question = 'Which seminar prompt does the talk take up?';
    const hits = ['#3', '#0', '#4'].map((n) => hitOf(tiny.index, `tassev-2024-abstract${n}`, 1));
    expect(answerFromPassages(question, hits, context, createCitationList())).toBeUndefined();
  });
});

/** A hit on one of the index's own chunks, with the lift set by hand. */
function hitOf(index: SearchIndex, chunkId: string, denseLift: number): Hit {
  const i = index.chunks.findIndex((c) => c.id === chunkId);
  if (i < 0) throw new Error(`no chunk ${chunkId} in the index`);
  return { chunk: index.chunks[i]!, source: index.chunkSources[i]!, score: 0, dense: 0, denseLift, bm25: 0 };
}
