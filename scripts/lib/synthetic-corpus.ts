import { chunkSource } from '../../src/ingest/chunk';
import type { Corpus, Source } from '../../src/corpus/types';

/**
 * A corpus grown to about `chunks` chunks with prose documents of plausible text: words drawn
 * Zipf-like from the real corpus's vocabulary plus invented ones, so the snapshot compresses and
 * BM25 indexes roughly as real documents would. Deterministic for a given size.
 */
export function syntheticCorpus(base: Corpus, chunks: number, seed = 7): Corpus {
  const random = mulberry32(seed);
  const vocabulary = buildVocabulary(base, random);
  const word = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(Math.exp(random() * Math.log(vocabulary.length))) - 1)]!;
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(random() * 18) }, word);
    return `${words[0]!.charAt(0).toUpperCase()}${words.join(' ').slice(1)}.`;
  };
  const sources: Source[] = [...base.sources];
  let total = base.sources.flatMap(chunkSource).length;
  for (let d = 0; total < chunks; d++) {
    let text = '';
    while (text.length < 5800) text += (text ? ' ' : '') + sentence();
    const source: Source = {
      id: `synthetic-${d}`,
      kind: 'document',
      title: `Synthetic report ${d}: ${word()} and ${word()}`,
      authors: [`Author ${d % 97}`],
      editors: [],
      year: 2000 + (d % 25),
      container: null,
      volume: null,
      issue: null,
      pages: null,
      publisher: null,
      text,
    };
    sources.push(source);
    total += chunkSource(source).length;
  }
  return { sources, glossary: base.glossary, errors: [] };
}

function buildVocabulary(base: Corpus, random: () => number): string[] {
  const real = [...new Set(base.sources.flatMap((s) => s.text.toLowerCase().match(/\p{L}{2,}/gu) ?? []))];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const invented = Array.from({ length: 20_000 }, () =>
    Array.from({ length: 3 + Math.floor(random() * 8) }, () => letters[Math.floor(random() * 26)]).join(''),
  );
  // Real words first, so the most frequent ones read like the corpus.
  return [...real, ...invented];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
