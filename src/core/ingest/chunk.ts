import { splitSentences } from '../corpus/sentences';
import type { Source } from '../corpus/types';
import type { Chunk } from './types';
import type { PronounResolver } from '../corpus/pronouns';

/** Longest document window; long enough for context, short enough that a quote stays on point. */
const MAX_WINDOW_CHARS = 600;

/**
 * Chunks a source into verbatim slices. A reference or the paper is one chunk (its entry carries
 * all its fields); the abstract is one chunk per sentence, so a citation quotes the sentence that
 * supports it; user documents are windows of whole sentences.
 */
export function chunkSource(source: Source): Chunk[] {
  if (source.kind === 'paper' || source.kind === 'reference') {
    return [{ id: `${source.id}#0`, sourceId: source.id, text: source.text, offset: 0 }];
  }
  const sentences = splitSentences(source.text);
  if (source.kind === 'abstract') {
    return sentences.map((s, i) => ({ id: `${source.id}#${i}`, sourceId: source.id, text: s.text, offset: s.offset }));
  }
  const chunks: Chunk[] = [];
  let start = 0;
  while (start < sentences.length) {
    let end = start + 1;
    const first = sentences[start]!;
    while (end < sentences.length) {
      const next = sentences[end]!;
      if (next.offset + next.text.length - first.offset > MAX_WINDOW_CHARS) break;
      end++;
    }
    const last = sentences[end - 1]!;
    const text = source.text.slice(first.offset, last.offset + last.text.length);
    chunks.push({ id: `${source.id}#${chunks.length}`, sourceId: source.id, text, offset: first.offset });
    start = end;
  }
  return chunks;
}

/**
 * The text that gets embedded and BM25-indexed for a chunk: its words, with a leading pronoun
 * named ("Its strategy" is found by "ISKP strategy"), plus the source's title and authors for
 * prose, so a sentence is found by what its source is about.
 */
export function searchText(chunk: Chunk, source: Source, resolve?: PronounResolver): string {
  if (source.kind === 'reference' || source.kind === 'paper') return chunk.text;
  const text = resolve ? resolve(source, chunk.offset, chunk.text) : chunk.text;
  const meta = [source.title, source.authors.join(', '), source.year ?? ''].join(' ');
  return `${text}\n${meta}`;
}
