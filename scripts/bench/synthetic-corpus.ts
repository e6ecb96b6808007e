/**
 * Synthetic documents for measuring retrieval at scale: sentences about the corpus's own groups,
 * places, institutes, outlets, terms and years, padded with words drawn from the seed text, so
 * term frequencies and vector overlaps look like a larger corpus on the same subject rather
 * than like noise. Deterministic: the same size always gives the same text.
 */
import { createPronounResolver } from '../../src/core/corpus/pronouns';
import type { GlossaryEntry, Source } from '../../src/core/corpus/types';
import type { Embedder } from '../../src/core/embed/embedder';
import { normalizeWords, isStopword } from '../../src/core/text/tokenize';
import type { Chunk, IndexData } from '../../src/core/ingest/types';
import { searchText } from '../../src/core/ingest/chunk';
import { seededRandom } from '../lib/seeded-random';

const CHUNKS_PER_DOCUMENT = 10;
const SENTENCES_PER_CHUNK = 3;
const EMBED_BATCH = 256;

/** The seed index padded with synthetic document chunks up to `size` chunks in all. */
export async function syntheticIndex(seed: IndexData, size: number, embedder: Embedder): Promise<IndexData> {
  const extra = Math.max(0, size - seed.chunks.length);
  const { sources, chunks } = syntheticDocuments(seed, extra);
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const resolve = createPronounResolver(seed.glossary);
  const d = embedder.dimension;
  const vectors = new Float32Array((seed.chunks.length + chunks.length) * d);
  vectors.set(seed.vectors);
  for (let b = 0; b < chunks.length; b += EMBED_BATCH) {
    const batch = chunks.slice(b, b + EMBED_BATCH);
    const out = await embedder.embed(batch.map((c) => searchText(c, sourceById.get(c.sourceId)!, resolve)));
    out.forEach((v, j) => vectors.set(v, (seed.chunks.length + b + j) * d));
  }
  return { ...seed, sources: [...seed.sources, ...sources], chunks: [...seed.chunks, ...chunks], vectors };
}

/** `count` chunks of synthetic prose, grouped into documents of CHUNKS_PER_DOCUMENT. */
export function syntheticDocuments(seed: Pick<IndexData, 'glossary' | 'sources'>, count: number): { sources: Source[]; chunks: Chunk[] } {
  const random = seededRandom(count);
  const v = vocabulary(seed.glossary, seed.sources);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const sentence = () => {
    const s = {
      group: pick(v.group),
      place: pick(v.place),
      place2: pick(v.place),
      institute: pick(v.institute),
      outlet: pick(v.outlet),
      term: pick(v.term),
      year: 2014 + Math.floor(random() * 11),
      w1: pick(v.words),
      w2: pick(v.words),
      w3: pick(v.words),
      verb: pick(VERBS),
      month: pick(MONTHS),
    };
    return pick(TEMPLATES)(s);
  };

  const sources: Source[] = [];
  const chunks: Chunk[] = [];
  for (let doc = 0; chunks.length < count; doc++) {
    const id = `synthetic-${doc}`;
    const parts: string[] = [];
    let offset = 0;
    for (let k = 0; k < CHUNKS_PER_DOCUMENT && chunks.length < count; k++) {
      const text = Array.from({ length: SENTENCES_PER_CHUNK }, sentence).join(' ');
      chunks.push({ id: `${id}#${k}`, sourceId: id, text, offset });
      parts.push(text);
      offset += text.length + 1;
    }
    const year = 2014 + Math.floor(random() * 11);
    sources.push({
      id,
      kind: 'document',
      title: `${capitalise(pick(v.term))} and ${pick(v.group)} in ${pick(v.place)}: ${pick(v.words)} and ${pick(v.words)}`,
      authors: [pick(v.authors)],
      editors: [],
      year,
      container: null,
      volume: null,
      issue: null,
      pages: null,
      publisher: pick([...v.institute, ...v.outlet]),
      text: parts.join(' '),
    });
  }
  return { sources, chunks };
}

/** Questions in the same vocabulary, for timing retrieval on the synthetic part of the index. */
export function syntheticQuestions(seed: Pick<IndexData, 'glossary' | 'sources'>, count: number): string[] {
  const random = seededRandom(7);
  const v = vocabulary(seed.glossary, seed.sources);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const forms = [
    () => `What did ${pick(v.institute)} say about ${pick(v.group)} in ${pick(v.place)}?`,
    () => `How does ${pick(v.group)} use ${pick(v.term)} in ${pick(v.place)}?`,
    () => `What happened in ${pick(v.place)} in ${2014 + Math.floor(random() * 11)}?`,
    () => `Is ${pick(v.group)} ${pick(VERBS)} ${pick(v.words)} near ${pick(v.place)}?`,
  ];
  return Array.from({ length: count }, () => pick(forms)());
}

interface Slots {
  group: string;
  place: string;
  place2: string;
  institute: string;
  outlet: string;
  term: string;
  year: number;
  w1: string;
  w2: string;
  w3: string;
  verb: string;
  month: string;
}

const TEMPLATES: ((s: Slots) => string)[] = [
  (s) => `In ${s.year}, ${s.group} ${s.verb} ${s.w1} ${s.w2} in ${s.place}.`,
  (s) => `According to the ${s.institute}, ${s.group} ${s.verb} ${s.w1} networks across ${s.place} and ${s.place2}.`,
  (s) => `${s.outlet} reported in ${s.month} ${s.year} that ${s.group} fighters ${s.verb} ${s.w1} near ${s.place}.`,
  (s) => `Analysts argue that the ${s.term} of ${s.group} depends on ${s.w1}, ${s.w2} and ${s.w3}.`,
  (s) => `${s.place} remains exposed to ${s.term}, and its ${s.w1} ${s.verb} ${s.w2} since ${s.year}.`,
  (s) => `The ${s.w1} ${s.w2} of ${s.group} in ${s.place} was documented by ${s.outlet} in ${s.year}.`,
  (s) => `Officials in ${s.place} said the ${s.term} ${s.verb} ${s.w1} after the ${s.year} attacks.`,
];
const VERBS = ['recruits', 'expands', 'finances', 'coordinates', 'claims', 'plans', 'targets', 'rebuilds', 'exploits', 'trains', 'threatens', 'restructures'];
const MONTHS = ['January', 'March', 'May', 'July', 'September', 'November'];

function vocabulary(glossary: GlossaryEntry[], sources: Source[]) {
  const names = (kind: GlossaryEntry['kind']) => glossary.filter((e) => e.kind === kind).flatMap((e) => [e.canonical, ...e.aliases.filter((a) => a.length > 3)]);
  const words = [...new Set(sources.flatMap((s) => normalizeWords(s.kind === 'reference' ? s.title : s.text)).filter((w) => w.length > 3 && !isStopword(w) && !/\d/.test(w)))];
  const authors = [...new Set(sources.filter((s) => s.kind === 'reference').flatMap((s) => s.authors))];
  return { group: names('group'), place: names('place'), institute: names('institute'), outlet: names('outlet'), term: names('term'), words, authors };
}

const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);

