import type { Source } from '../corpus/types';
import type { Chunk } from '../ingest/types';
import type { Hit } from '../search/retrieve';
import { withoutTrailing } from '../text/scan';
import { askedDoing, askedType, holdsAnswer, namesGiven, slotNoun } from './answer-type';
import { authorYear, quoted, titleQuote, type CitationList } from './citations';
import type { Asked, SupportScorer } from './support';
import { contentVerdict, withVerdict } from './yes-no';

/** A passage must hold at least this share of the question's weighted terms to be quoted. */
export const MIN_SUPPORT = 0.55;
/** Passages well below the best one are left out: they would dilute the answer. */
const RELATIVE_TO_BEST = 0.75;
const MAX_SENTENCES = 3;
const MAX_REFERENCES = 3;

/** Each value a passage gives for a "which countries" question adds this to its support, from MIN_SUPPORT: three make it whole. */
const VALUE_WEIGHT = 0.15;
/** The verb a "who" asks about must be in the passage, or a synonym or derived form of it: a looser link is another act. */
const SAME_ACT = 0.7;
/** A question that no single passage covers may be covered by two or three together. */
const MIN_PART = 0.3;
const MIN_GAIN = 0.15;

interface Scored {
  hit: Hit;
  coverage: number;
  /** The question's focus terms the passage lacks. */
  missing: string[];
}

export interface PassageContext {
  support: SupportScorer;
  /** Whether the index's vectors carry meaning (`embedsMeaning`): then closeness in them counts as support too. */
  semantic: boolean;
  /** What a hit offers as evidence (see `evidenceText`), precomputed per chunk. */
  evidence: (hit: Hit) => string;
  /** The sentence as the answer frames it, with a leading pronoun named (see `createPronounResolver`). */
  resolve: (source: Source, offset: number, text: string) => string;
}

/**
 * Writes an answer from the retrieved passages alone: each sentence of the answer is a sentence
 * of a source (lightly framed: "According to Tassev (2024), ...") or a reference's title, and is
 * followed by the marker of the citation that quotes it. Returns undefined when no passage, nor a
 * few together, support the question well enough, which the caller turns into an abstention.
 */
export function answerFromPassages(question: string, hits: Hit[], ctx: PassageContext, cite: CitationList): string | undefined {
  const kept = selectSupporting(question, hits, ctx).map((k) => k.hit);
  if (!kept.length) return undefined;
  return withVerdict(verdictOf(question, kept, ctx), composeAnswer(kept, ctx, cite));
}

/**
 * Yes or no to a yes/no question, from the sentences the answer quotes; undefined when they do not
 * settle it. With no sentence quoted, a headline is what its work says ("Did the Soufan Center's
 * brief call ISKP a stubborn threat?"): each title is read for the claim, less the words that name
 * the work (its makers, "brief", "report").
 */
function verdictOf(question: string, kept: Hit[], { support, evidence }: PassageContext) {
  const prose = quotedProse(kept);
  if (prose.length) return contentVerdict(question, prose.map(evidence), support);
  // Only a work the question names by its makers speaks for itself: "Does the abstract say…" is not asked of a headline.
  const asked = new Set(support.questionTerms(question));
  const named = kept.filter((h) => h.source.kind === 'reference' && support.questionTerms(makersOf(h.source)).some((t) => asked.has(t)));
  const verdicts = new Set(named.map((h) => contentVerdict(question, [h.source.title], support, namingTerms(h.source, support))));
  return verdicts.size === 1 ? [...verdicts][0] : undefined;
}

/** Who made a work: its authors, editors and outlet, as one text. */
const makersOf = (source: Source) => [...source.authors, ...source.editors, source.publisher ?? '', source.container ?? ''].join(' ; ');

/**
 * Nouns for a work as a whole ("brief", "headline"): in a question about what a work says, they
 * name the teller. (bibliographic.ts keeps "brief" and "explainer" when it names a work by its
 * title's words, which these can be.)
 */
const TELLER_NOUNS = 'article report piece story paper study book chapter volume essay brief explainer snapshot headline title analysis commentary';

/** The terms that name a reference rather than what it says: its authors, editors, outlet, and the nouns for a work. */
function namingTerms(source: Source, support: SupportScorer): ReadonlySet<string> {
  return new Set(support.questionTerms(`${makersOf(source)} ; ${TELLER_NOUNS}`));
}

/** The sentences of sources (not titles of references) that an answer quotes, in order of support. */
const quotedProse = (hits: Hit[]) => hits.filter((h) => h.source.kind === 'abstract' || h.source.kind === 'document').slice(0, MAX_SENTENCES);

/**
 * Each hit with how much of the question it supports: its share of the question's weighted terms
 * (a thesaurus-related word counting at its link's weight), or its closeness in meaning when the
 * vectors carry meaning; 0 when the question asks for a value (a number, a date, a name) it lacks.
 */
function scoreHits(question: string, asked: Asked, hits: Hit[], { support, evidence, semantic }: PassageContext): Scored[] {
  const type = askedType(question, support.kindOf);
  const doing = askedDoing(question);
  const doingTerms = doing ? support.questionTerms(doing) : [];
  // "Which countries does the author zoom in on?": with the slot noun ("countries") set aside, a
  // question may name no topic at all; then it asks which values the paper's own text gives.
  const slot = type ? slotNoun(question, support.kindOf) : undefined;
  const slotTerms = new Set(slot ? support.questionTerms(slot) : []);
  const topic = asked.terms.filter((t) => !slotTerms.has(t) && support.isTopic(t, asked.framed));
  if (type && slot && !topic.length) {
    return hits.map((hit) => {
      const own = hit.source.kind === 'abstract' || hit.source.kind === 'document';
      const typed = { kind: hit.source.kind, text: evidence(hit) };
      // The passage that names the most such values leads ("Central Asia, Afghanistan and Pakistan").
      const values = own && holdsAnswer(type, question, typed, support.terms) ? Math.max(1, namesGiven(type, question, typed, support.terms)) : 0;
      return { hit, coverage: values ? Math.min(1, MIN_SUPPORT + VALUE_WEIGHT * values) : 0, missing: [] };
    });
  }
  if (slotTerms.size) asked = { terms: asked.terms.filter((t) => !slotTerms.has(t)), framed: asked.framed };
  const focus = asked.terms;
  return hits.map((hit) => {
    const text = evidence(hit);
    // "How many died?" is not answered by a passage on the deaths that gives no number.
    const typed = { kind: hit.source.kind, text, title: hit.source.kind === 'reference' ? hit.source.title : undefined };
    if (type && !holdsAnswer(type, question, typed, support.terms)) return { hit, coverage: 0, missing: focus };
    const { coverage, missing } = support.support(asked, text);
    // A value ("how many", "when", "who") answers only about exactly what was asked: a passage that
    // lacks a topic word the corpus uses elsewhere ("checkpoint") gives the value of something else.
    if (type && missing.some((t) => support.terms.seen(t) && support.isTopic(t, asked.framed))) return { hit, coverage: 0, missing };
    // "Who leads ISKP?" is answered by a passage that says who leads it, not by one about ISKP.
    if (doingTerms.length && support.support(doingTerms, text).coverage < SAME_ACT) return { hit, coverage: 0, missing };
    return { hit, coverage: semantic ? Math.max(coverage, meaningCoverage(hit)) : coverage, missing };
  });
}

/** Hits ordered by how well each supports the question, best first (ties keep retrieval order): what a model should read first. */
export function bySupport(question: string, hits: Hit[], ctx: PassageContext): Hit[] {
  return scoreHits(question, ctx.support.weigh(question), hits, ctx)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.coverage - a.s.coverage || a.i - b.i)
    .map(({ s }) => s.hit);
}

function selectSupporting(question: string, hits: Hit[], ctx: PassageContext): Scored[] {
  const { support } = ctx;
  const asked = support.weigh(question);
  const focus = asked.terms;
  if (!focus.length) return [];
  const scored = scoreHits(question, asked, hits, ctx);
  const best = scored.reduce((a, b) => (b.coverage > a.coverage ? b : a), scored[0]!);
  if (!best) return [];
  if (best.coverage >= MIN_SUPPORT) {
    const floor = Math.max(MIN_SUPPORT, best.coverage * RELATIVE_TO_BEST);
    return scored.filter((s) => s.coverage >= floor);
  }
  if (best.coverage < MIN_PART) return [];
  // Greedy set cover: add the passage that covers most of what is still missing. What each passage
  // covers is worked out only here: most questions never get this far.
  const weight = (terms: Iterable<string>) => support.weight([...terms], asked.framed);
  const coveredBy = (s: Scored) => focus.filter((t) => !s.missing.includes(t));
  const total = weight(focus);
  const chosen = [best];
  const covered = new Set(coveredBy(best));
  while (chosen.length < MAX_SENTENCES) {
    let next: Scored | undefined;
    let gain = 0;
    for (const s of scored) {
      if (chosen.includes(s) || s.coverage < MIN_PART) continue;
      const g = weight(coveredBy(s).filter((t) => !covered.has(t))) / total;
      if (g > gain) [next, gain] = [s, g];
    }
    if (!next || gain < MIN_GAIN) break;
    chosen.push(next);
    for (const t of coveredBy(next)) covered.add(t);
  }
  return weight(covered) / total >= MIN_SUPPORT ? chosen : [];
}

/**
 * A passage this many standard deviations closer to the question than the average passage is
 * as plainly about it as one holding all its words; at the floor, no closer than chance.
 */
const LIFT_FULL = 4;
const LIFT_FLOOR = 1;
/** Support from meaning: how far the passage stands out from the rest in the embedder's space, 0..1. */
const meaningCoverage = (hit: Hit) => Math.min(1, Math.max(0, (hit.denseLift - LIFT_FLOOR) / (LIFT_FULL - LIFT_FLOOR)));

/** Prose sentences grouped by source in the source's order, then related references by title. */
export function composeAnswer(hits: Hit[], { resolve }: Pick<PassageContext, 'resolve'>, cite: CitationList): string {
  const prose = quotedProse(hits);
  const refs = hits.filter((h) => h.source.kind === 'reference').slice(0, MAX_REFERENCES);
  const lines: string[] = [];

  // Sentences in the order the source gives them, so the answer reads as the author argued.
  const bySource = new Map<string, Hit[]>();
  for (const h of prose) bySource.set(h.source.id, [...(bySource.get(h.source.id) ?? []), h]);
  for (const group of bySource.values()) {
    group.sort((a, b) => a.chunk.offset - b.chunk.offset);
    const source = group[0]!.source;
    group.forEach((hit, i) => {
      const text = resolve(source, hit.chunk.offset, hit.chunk.text);
      const lead = i === 0 ? `According to ${authorYear(source)}, ` : group.length > 2 && i === group.length - 1 ? 'It adds that ' : 'It also notes that ';
      lines.push(`${lead}${lowerFirst(stripFinalStop(text))} ${cite.cite(source, hit.chunk.text)}.`);
    });
  }
  if (refs.length) {
    const items = refs.map((hit) => `${authorYear(hit.source)}, ${quoted(hit.source.title)}${outletOf(hit.source)} ${cite.cite(hit.source, titleQuote(hit.source))}`);
    const lead = lines.length ? 'Among the works it cites, see' : "The paper's abstract does not address this directly, but its reference list includes";
    lines.push(`${lead} ${items.join('; ')}.`);
  }
  return lines.join(' ');
}

/** What a passage offers as evidence: a sentence's words (pronoun resolved), or a reference's title and outlet. */
export function evidenceText(source: Source, chunk: Chunk, resolve: PassageContext['resolve']): string {
  if (source.kind === 'reference') return [source.title, source.publisher, source.container, source.authors.join(' '), source.year].filter(Boolean).join(' ');
  if (source.kind === 'paper') return source.title;
  return resolve(source, chunk.offset, chunk.text);
}

/** ", Washington Post" after a title; nothing when the outlet is also the author ("bne IntelliNews"). */
export const outletOf = (s: Source) => {
  const o = s.publisher ?? s.container;
  return o && !s.authors.some((a) => a.toLowerCase() === o.toLowerCase()) ? `, ${o}` : '';
};


const FUNCTION_WORDS = /^(The|This|That|These|Those|For|Its|It|Although|A|An|In|On|At|As|But|And|Its|However|While|When|Since|Because|Despite|Today|There)\b/;
const lowerFirst = (s: string) => (FUNCTION_WORDS.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const stripFinalStop = (s: string) => withoutTrailing(s, /[.\s]/);
