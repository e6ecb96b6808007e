import type { Source, SourceKind } from '../corpus/types';
import type { Embedder } from '../embed/embedder';
import { tokenize } from '../text/tokenize';
import type { SearchIndex } from './search-index';
import type { Chunk } from '../ingest/types';
import { reciprocalRankFusion } from './fuse';
import { topK as selectTopK } from './top-k';
import { memoize } from '../memo';

export interface RetrieveFilter {
  kind?: SourceKind[];
  yearFrom?: number;
  yearTo?: number;
  /** Matches any author or editor, by family name or full form, case-insensitive. */
  author?: string;
  /** Matches publisher or container, case-insensitive substring. */
  publisher?: string;
}

export interface Hit {
  chunk: Chunk;
  source: Source;
  /** Fused (RRF) score: order only. */
  score: number;
  /** Cosine similarity of query and chunk, -1..1: a calibrated signal for "how well does this match". */
  dense: number;
  /**
   * How far the chunk's cosine stands above the query's cosine with the average chunk, in standard
   * deviations: the same scale for every embedder, where raw cosines are not (a sentence model's
   * unrelated pairs sit near 0.2, a hashing model's near 0).
   */
  denseLift: number;
  /** BM25 score of the expanded query. */
  bm25: number;
}

export interface RetrieveOptions {
  query: string;
  index: SearchIndex;
  embedder: Embedder;
  topK?: number;
  filter?: RetrieveFilter;
  /** Which rankers to fuse; one alone is for measuring what each contributes. */
  rankers?: 'hybrid' | 'dense' | 'bm25';
}

/** How deep each ranker looks before fusion: deep enough that fusion can reorder, cheap enough to stay sub-millisecond. */
const CANDIDATES = 50;
/**
 * Aliases help a query find text that names the entity differently, but there are many of them:
 * at full weight they would drown the words that say what the user actually asked.
 */
const ALIAS_WEIGHT = 0.3;
/** Words the thesaurus relates to the query's ("offshoots" → "branches") count at this share of their link's weight. */
const RELATED_WEIGHT = 0.3;

export class EmbedderMismatchError extends Error {
  override name = 'EmbedderMismatchError';
}

/**
 * Hybrid retrieval: dense similarity and BM25 each rank the chunks, reciprocal rank fusion merges
 * them. The query is expanded with glossary aliases first ("ISIS-K" also searches "Islamic State
 * Khorasan Province"), so either ranker can match whatever name the user picked.
 */
export async function retrieve({ query, index, embedder, topK = 8, filter, rankers = 'hybrid' }: RetrieveOptions): Promise<Hit[]> {
  if (embedder.model !== index.embedder.model || embedder.dimension !== index.embedder.dimension) {
    throw new EmbedderMismatchError(
      `index was built with ${index.embedder.model}/${index.embedder.dimension}, query embedder is ${embedder.model}/${embedder.dimension}`,
    );
  }
  const { vector, expansion } = await embedQuery(embedder, query, index.expandAliases(query));
  if (expansion) blendInto(vector, expansion.vector);
  // Both rankers' scores in one allocation: a typed array over 64 bytes lives outside V8's heap,
  // and creating one costs about a microsecond, as much as scoring the seed corpus.
  const n = index.chunks.length;
  const scores = new Float32Array(2 * n);
  const dense = index.dense.scores(vector, scores.subarray(0, n));
  const { mean, spread } = spreadOf(dense);
  const own = tokenize(query);
  const bm25 = index.bm25.score(own, 1, scores.subarray(n));
  if (expansion) index.bm25.score(expansion.tokens.filter((t) => !own.includes(t)), ALIAS_WEIGHT, bm25);
  expandByMeaning(index, own, bm25);
  const keep = filter ? chunkFilter(index, filter) : undefined;
  const rankings: number[][] = [];
  if (rankers !== 'bm25') rankings.push(selectTopK(dense, CANDIDATES, keep));
  if (rankers !== 'dense') rankings.push(selectTopK(bm25, CANDIDATES, keep, 0));
  const fused = reciprocalRankFusion(rankings, { limit: topK });
  return fused.map(({ index: i, score }) => ({
    chunk: index.chunks[i]!,
    source: index.chunkSources[i]!,
    score,
    dense: dense[i]!,
    denseLift: (dense[i]! - mean) / spread,
    bm25: bm25[i]!,
  }));
}

/** Mean and standard deviation of a query's cosines with every chunk (the deviation never 0). */
function spreadOf(scores: Float32Array): { mean: number; spread: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < scores.length; i++) {
    sum += scores[i]!;
    squares += scores[i]! * scores[i]!;
  }
  const mean = sum / (scores.length || 1);
  return { mean, spread: Math.sqrt(Math.max(squares / (scores.length || 1) - mean * mean, 0)) || 1 };
}

/**
 * Adds to the BM25 scores the corpus words the thesaurus relates to the query's own, each at
 * RELATED_WEIGHT times its link's weight: a query in other words still finds the passage.
 */
function expandByMeaning(index: SearchIndex, own: string[], into: Float32Array): void {
  for (const [w, tokens] of relatedByWeight(index, own)) index.bm25.score(tokens, RELATED_WEIGHT * w, into);
}

/** The corpus words related to a query's own, grouped by link weight: worked out once per index and set of words. */
const related = new WeakMap<SearchIndex, (key: string) => [number, string[]][]>();

function relatedByWeight(index: SearchIndex, own: string[]): [number, string[]][] {
  let lookup = related.get(index);
  if (!lookup) {
    lookup = memoize((key) => {
      const words = key.split(' ');
      const byWeight = new Map<number, Set<string>>();
      for (const t of words) {
        for (const [other, w] of index.lexicon.related(t)) {
          if (words.includes(other)) continue;
          const group = byWeight.get(w);
          if (group) group.add(other);
          else byWeight.set(w, new Set([other]));
        }
      }
      return [...byWeight].map(([w, group]) => [w, [...group]]);
    }, 5_000);
    related.set(index, lookup);
  }
  return lookup(own.join(' '));
}

/** A query's glossary expansion, embedded and tokenised. */
interface Expansion {
  vector: Float32Array;
  tokens: string[];
}

/**
 * Alias phrases come from the glossary alone, and few distinct expansions exist (one per set of
 * names a question uses): the index's expander hands out one shared array for each, so each is
 * embedded and tokenised once per embedder, and forgotten with the array.
 */
const expansions = new WeakMap<Embedder, WeakMap<readonly string[], Expansion>>();

async function embedQuery(embedder: Embedder, query: string, aliases: readonly string[]): Promise<{ vector: Float32Array; expansion?: Expansion }> {
  if (!aliases.length) return { vector: (await embedder.embed([query]))[0]! };
  let known = expansions.get(embedder);
  if (!known) expansions.set(embedder, (known = new WeakMap()));
  const expansion = known.get(aliases);
  if (expansion) return { vector: (await embedder.embed([query]))[0]!, expansion };
  const text = aliases.join(' ');
  const [vector, aliasVector] = await embedder.embed([query, text]);
  const fresh = { vector: aliasVector!, tokens: tokenize(text) };
  known.set(aliases, fresh);
  return { vector: vector!, expansion: fresh };
}

function chunkFilter(index: SearchIndex, f: RetrieveFilter): (i: number) => boolean {
  const author = f.author?.toLowerCase();
  const publisher = f.publisher?.toLowerCase();
  const allowed = index.sources.filter((s) => {
    if (f.kind && !f.kind.includes(s.kind)) return false;
    if (f.yearFrom !== undefined && (s.year === null || s.year < f.yearFrom)) return false;
    if (f.yearTo !== undefined && (s.year === null || s.year > f.yearTo)) return false;
    if (author && ![...s.authors, ...s.editors].some((a) => a.toLowerCase().includes(author))) return false;
    if (publisher && !`${s.publisher ?? ''} ${s.container ?? ''}`.toLowerCase().includes(publisher)) return false;
    return true;
  });
  const ids = new Set(allowed.map((s) => s.id));
  const mask = index.chunks.map((c) => ids.has(c.sourceId));
  return (i) => mask[i]!;
}

/** Makes `q` the unit vector of q + ALIAS_WEIGHT * a, in place: `q` is the query's own fresh vector. */
function blendInto(q: Float32Array, a: Float32Array): void {
  let norm = 0;
  for (let i = 0; i < q.length; i++) {
    q[i] = q[i]! + ALIAS_WEIGHT * a[i]!;
    norm += q[i]! * q[i]!;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < q.length; i++) q[i]! /= norm;
}
