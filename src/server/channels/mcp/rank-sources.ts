import { createAliasExpander } from '../../../core/corpus/glossary';
import { createPronounResolver } from '../../../core/corpus/pronouns';
import type { Source } from '../../../core/corpus/types';
import { searchText } from '../../../core/ingest/chunk';
import { createBm25, type Bm25 } from '../../../core/search/bm25';
import { tokenize } from '../../../core/text/tokenize';
import type { Listing } from '../../env';

/** Aliases count at this share of the user's own words, as in retrieval (core/search/retrieve.ts). */
const ALIAS_WEIGHT = 0.3;

interface Ranker {
  bm25: Bm25;
  expandAliases: (query: string) => readonly string[];
}

/** One ranker per loaded index: built on the first search, dropped with the index. */
const rankers = new WeakMap<Listing, Ranker>();

function rankerFor(index: Listing): Ranker {
  let ranker = rankers.get(index);
  if (!ranker) {
    const resolve = createPronounResolver(index.glossary);
    const docs = index.chunks.map((chunk) => {
      const source = index.sourceById.get(chunk.sourceId);
      return source ? tokenize(searchText(chunk, source, resolve)) : [];
    });
    ranker = { bm25: createBm25(docs), expandAliases: createAliasExpander(index.glossary) };
    rankers.set(index, ranker);
  }
  return ranker;
}

/**
 * The sources that best match `query`, best first: BM25 over the index's chunks (the same text and
 * alias expansion as retrieval's BM25 half), each source scored by its best chunk. Lexical only:
 * the routes see the index's listing, not its vectors or embedder (env.ts `Listing`), and a search
 * tool that lists candidates for `fetch` needs recall on names and terms more than paraphrase.
 * A query that shares no word with any source finds nothing.
 */
export function rankSources(index: Listing, query: string, limit: number): Source[] {
  const { bm25, expandAliases } = rankerFor(index);
  const scores = bm25.score(tokenize(query));
  const aliases = expandAliases(query);
  if (aliases.length) bm25.score(tokenize(aliases.join(' ')), ALIAS_WEIGHT, scores);
  const best = new Map<string, number>();
  index.chunks.forEach((chunk, i) => {
    const score = scores[i]!;
    if (score > (best.get(chunk.sourceId) ?? 0)) best.set(chunk.sourceId, score);
  });
  return [...best]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .flatMap(([id]) => index.sourceById.get(id) ?? []);
}
