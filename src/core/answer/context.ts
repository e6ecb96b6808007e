import { embedsMeaning } from '../embed/embedder';
import { createPronounResolver, type PronounResolver } from '../corpus/pronouns';
import type { SearchIndex } from '../search/search-index';
import { createMemo } from '../memo';
import type { Chunk } from '../ingest/types';
import type { Hit } from '../search/retrieve';
import { evidenceText, type PassageContext } from './extractive';
import { isPlanted } from './intent';
import { candidateQuestions, rankSuggestions } from './suggest';
import { createSupportScorer, type SupportScorer } from './support';
import { createTermModel, type TermModel } from './terms';
import type { Citation } from './types';

/** Everything answering derives from an index, built once per index and shared by every answerer. */
export interface AnswerContext extends PassageContext {
  index: SearchIndex;
  terms: TermModel;
  support: SupportScorer;
  /** Up to three follow-up questions; `pool` is the list of questions known to be answerable. */
  followUps(query: string, citations: Citation[], answerable: boolean, pool: string[]): string[];
  candidates: string[];
  /** `isPlanted` of a chunk's text, decided once per chunk: the same chunks come back on question after question. */
  planted(chunk: Chunk): boolean;
}

/**
 * How a question names the paper as the teller of what it asks ("what does the author argue…",
 * "Tassev's piece"), besides its authors' names: words the thesaurus cannot count as framing
 * because the stemmer joins them to content words ("author" and "authorities", "argue" and
 * "argument", "piece" and "pieces" of a whole).
 */
const SELF_REFERENCE = 'author abstract piece argue argues argued write writes wrote written';

export function createAnswerContext(index: SearchIndex): AnswerContext {
  const resolve = remembered(createPronounResolver(index.glossary));
  const evidenceByChunk = new Map(index.chunks.map((chunk, i) => [chunk.id, evidenceText(index.chunkSources[i]!, chunk, resolve)]));
  const terms = createTermModel(index.glossary, [...evidenceByChunk.values()]);
  const paper = index.sources.find((s) => s.kind === 'paper');
  const support = createSupportScorer(terms, index.lexicon, { tellers: [...(paper?.authors ?? []), SELF_REFERENCE] });
  const planted = new WeakMap<Chunk, boolean>();
  return {
    index,
    terms,
    support,
    semantic: embedsMeaning(index.embedder),
    resolve,
    evidence: (hit: Hit) => evidenceByChunk.get(hit.chunk.id) ?? hit.chunk.text,
    candidates: candidateQuestions(index.sources, terms),
    followUps: (query, citations, answerable, pool) => (answerable ? rankSuggestions(query, citations, pool, terms) : diverse(pool)),
    planted(chunk) {
      let known = planted.get(chunk);
      if (known === undefined) planted.set(chunk, (known = isPlanted(chunk.text)));
      return known;
    },
  };
}

/**
 * Naming a sentence's pronoun scans its source up to the sentence; answers quote the same few
 * hundred sentences again and again, so each is resolved once.
 */
function remembered(resolve: PronounResolver): PronounResolver {
  // Keyed by where the sentence starts, not by its words: a key holding the whole sentence was
  // built and hashed anew on every call. The words are checked against the entry instead.
  const memo = createMemo<{ text: string; resolved: string }>(20_000);
  return (source, offset, text) => {
    const key = `${source.id}\u0000${offset}`;
    const known = memo.get(key);
    if (known?.text === text) return known.resolved;
    return memo.set(key, { text, resolved: resolve(source, offset, text) }).resolved;
  };
}

/** For abstentions: a spread of topics rather than the closest three. */
function diverse(pool: string[], count = 3): string[] {
  if (pool.length <= count) return pool;
  const step = Math.floor(pool.length / count);
  // A loop, not Array.from({ length }): that builtin reads an array-like object key by key.
  const picked: string[] = [];
  for (let i = 0; i < count; i++) picked.push(pool[i * step]!);
  return picked;
}
