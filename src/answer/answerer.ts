import type { Embedder } from '../embed/embedder';
import type { SearchIndex } from '../index/search-index';
import type { Logger } from '../log';
import { retrieve, type Hit } from '../retrieve/retrieve';
import { abstentionText, type AbstainReason } from './abstain';
import { answerBibliographic } from './bibliographic';
import { createCitationList } from './citations';
import { answerFromPassages, evidenceText } from './extractive';
import { resolveFollowUp } from './follow-up';
import { isOffTask, isSmallTalk } from './intent';
import { createPronounResolver } from '../corpus/pronouns';
import { candidateQuestions, rankSuggestions } from './suggest';
import { createSupportScorer } from './support';
import { createTermModel } from './terms';
import type { Answerer, AnswerEvent, AskRequest, AskResponse } from './types';

export interface AnswererDeps {
  index: SearchIndex;
  embedder: Embedder;
  logger: Logger;
}

const TOP_K = 8;

/**
 * The extractive answerer: no model, no network. Off-task requests are declined, bibliographic
 * questions answered from metadata, everything else from the passages that support it, and an
 * honest abstention when none does.
 */
export function createAnswerer({ index, embedder }: AnswererDeps): Answerer {
  const resolve = createPronounResolver(index.glossary);
  const evidenceByChunk = new Map(index.chunks.map((chunk, i) => [chunk.id, evidenceText(index.chunkSources[i]!, chunk, resolve)]));
  const terms = createTermModel(index.glossary, [...evidenceByChunk.values()]);
  const support = createSupportScorer(terms);
  const passages = { support, resolve, evidence: (hit: Hit) => evidenceByChunk.get(hit.chunk.id)! };
  const bibliography = { sources: index.sources, terms, support };

  async function answer(request: AskRequest): Promise<Omit<AskResponse, 'followUps'>> {
    const question = request.question.trim();
    const query = resolveFollowUp(question, request.history, terms);
    const base = { mode: 'extractive' as const, query };
    if (isOffTask(question)) return { ...base, ...abstain('off_task') };
    if (isSmallTalk(question)) return { ...base, ...abstain('small_talk') };
    const cite = createCitationList();
    const bib = answerBibliographic(query, bibliography, cite);
    if (bib) return { ...base, answer: bib, answerable: true, citations: cite.list() };
    const hits = await retrieve({ query, index, embedder, topK: TOP_K });
    const text = answerFromPassages(query, hits, passages, cite);
    if (!text) return { ...base, ...abstain('unsupported') };
    return { ...base, answer: text, answerable: true, citations: cite.list() };
  }

  const abstain = (reason: AbstainReason) => ({ answer: abstentionText(reason, index.sources), answerable: false, citations: [] });

  // Suggestions are only offered once the answerer has shown it can answer them.
  let suggestions: Promise<string[]> | undefined;
  const answerableSuggestions = () =>
    (suggestions ??= (async () => {
      const all = candidateQuestions(index.sources, terms);
      const ok = await Promise.all(all.map(async (q) => (await answer({ question: q })).answerable));
      return all.filter((_, i) => ok[i]);
    })());

  async function ask(request: AskRequest): Promise<AskResponse> {
    const result = await answer(request);
    const pool = await answerableSuggestions();
    const followUps = result.answerable
      ? rankSuggestions(result.query, result.citations, pool, terms)
      : diverse(pool);
    return { ...result, followUps };
  }

  return {
    ask,
    async *stream(request): AsyncIterable<AnswerEvent> {
      const response = await ask(request);
      // The extractive answer exists whole at once; streaming it sentence by sentence keeps one
      // client code path for both modes.
      for (const piece of response.answer.match(/[^\n.!?]*(?:[.!?]+(?:\s+|$)|\n|$)/g) ?? []) {
        if (piece) yield { type: 'delta', text: piece };
      }
      yield { type: 'end', response };
    },
  };
}

/** For abstentions: a spread of topics rather than the closest three. */
function diverse(pool: string[], count = 3): string[] {
  if (pool.length <= count) return pool;
  const step = Math.floor(pool.length / count);
  return Array.from({ length: count }, (_, i) => pool[i * step]!);
}
