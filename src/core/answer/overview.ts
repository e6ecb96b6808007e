import type { Source } from '../corpus/types';
import type { Hit } from '../search/retrieve';
import type { CitationList } from './citations';
import type { AnswerContext } from './context';
import { composeAnswer, MIN_SUPPORT } from './extractive';
import { claimOf } from './yes-no';

const OVERVIEW =
  /\bwhat(?:'s| is| was)? (?:this|the) (?:paper|article|study|report|presentation) about\b|\b(?:summar(?:y|i[sz]e)|overview|gist|tl;?dr|abstract)\b(?! of)|\b(?:main|key|central) (?:points?|arguments?|findings?|claims?|ideas?|messages?|takeaways?)\b|\bwhat does (?:the|this) (?:paper|article|study|author) (?:argue|claim|conclude|find|show)\b/i;
/** Every overview word of a question, to see what else it asks. */
const OVERVIEW_WORDS = new RegExp(OVERVIEW.source, 'gi');
const SENTENCES = 3;

/** Verbs that ask for a summary, in their word forms: "summarise", "summed it up", "recap", "outline", "brief me". */
const REQUEST_VERB =
  /\b(?:summari[sz](?:e[sd]?|ing)|sum(?:s|m(?:ed|ing))? (?:it |this |that |them )?up|recap(?:s|p(?:ed|ing))?|outlin(?:e[sd]?|ing)|brief(?:s|ed|ing)? (?:me|us))\b/i;
/** Nouns that name a summary, singular or plural: "a rundown", "the gist", "TL;DR", "the bottom line", "what I need to know". */
const REQUEST_NOUN =
  /\b(?:summar(?:y|ies)|overviews?|rundowns?|gist|synops[ei]s|recaps?|briefings?|outlines?|highlights|takeaways?|lowdown|nutshell|tl;? ?dr|bottom line|(?:key|main) points?|need to know)\b/i;
/** Words that say how long, broad or selective the summary should be ("a brief overview", "key takeaways", "in a few sentences", "with five minutes"), not what it is about. */
const REQUEST_SCOPE =
  /\b(?:brief(?:ly)?|quick(?:ly)?|short|general|overall|broad|basic|concise|simple|high-level|executive|key|main)\b|\b(?:in|with|under|within) (?:a |an )?(?:few|couple of|one|two|three|four|five|ten|\d+) (?:sentences?|words?|lines?|paragraphs?|bullets?|bullet points?|points?|minutes?|seconds?)\b/gi;
/** "Who wrote an overview of…", "Which reference summarises…": a question about a summary, not a request for one. */
const ABOUT_A_SUMMARY = /^\s*(?:which|who|whom|whose|when|where)\b/i;
/** Every request word of a question, to leave what the summary should be about. */
const REQUEST_WORDS = [REQUEST_VERB, REQUEST_NOUN, REQUEST_SCOPE].map((r) => new RegExp(r.source, 'gi'));

/**
 * "What does the abstract say?" asks for an overview; "Does the abstract say ISIS is a state?"
 * asks whether it states a claim: a yes/no question with terms besides the overview's words.
 * `focusTerms`: the question's content terms (`SupportScorer.focusTerms`).
 */
export const asksForOverview = (question: string, focusTerms: (text: string) => readonly string[]) =>
  OVERVIEW.test(question) && !focusTerms((claimOf(question) ?? '').replace(OVERVIEW_WORDS, ' ')).length;

/** "Brief me on…", "Give me the gist", "Sum it up", "TL;DR": a request for a summary, not a yes/no question about one nor a question about who wrote one. */
export const asksForBriefing = (question: string) =>
  (REQUEST_VERB.test(question) || REQUEST_NOUN.test(question)) && claimOf(question) === undefined && !ABOUT_A_SUMMARY.test(question);

/**
 * What a request for an overview or a briefing asks to summarise: the focus terms left once its
 * request words are gone ("Brief me on ISKP's reorganization" → ISKP, reorganization), none for
 * the whole paper; undefined when the question asks for no summary.
 */
export function overviewTopic(question: string, focusTerms: (text: string) => readonly string[]): readonly string[] | undefined {
  if (asksForBriefing(question)) return focusTerms(REQUEST_WORDS.reduce((text, words) => text.replace(words, ' '), question));
  return asksForOverview(question, focusTerms) ? [] : undefined;
}

/** The abstract's sentences as hits, in the author's order. */
export function abstractHits(ctx: Pick<AnswerContext, 'index'>): Hit[] {
  return ctx.index.chunks.flatMap((chunk, i) => {
    const source: Source = ctx.index.chunkSources[i]!;
    return source.kind === 'abstract' ? [{ chunk, source, score: 0, dense: 0, denseLift: 0, bm25: 0 }] : [];
  });
}

/** A share of a topic's terms any sentence that mentions one of them covers. */
const ANY = Number.MIN_VALUE;

/** The hits that cover at least `floor` of the terms, best first (the author's order among equals), at most SENTENCES. */
function closest(hits: Hit[], terms: readonly string[], ctx: AnswerContext, floor: number): Hit[] {
  return hits
    .map((hit) => ({ hit, coverage: ctx.support.support([...terms], ctx.evidence(hit)).coverage }))
    .sort((a, b) => b.coverage - a.coverage)
    .filter((x) => x.coverage >= floor)
    .slice(0, SENTENCES)
    .map((x) => x.hit);
}

/**
 * "What is the paper about?": the abstract sentences that share most with the paper's own title,
 * in the author's order. The title is the author's summary of the paper, so the sentences closest
 * to it carry its thesis; this picks them without any hand-written summary. With a `topic` ("brief
 * me on ISKP's reorganization"), the sentences that cover the topic lead and the overview's
 * others follow; undefined when the abstract does not cover the topic.
 */
export function answerOverview(ctx: AnswerContext, cite: CitationList, topic: readonly string[] = []): string | undefined {
  const paper = ctx.index.sources.find((s) => s.kind === 'paper');
  if (!paper) return undefined;
  const abstract = abstractHits(ctx);
  const usual = closest(abstract, ctx.support.focusTerms(paper.title), ctx, ANY);
  if (!topic.length) return usual.length ? composeAnswer(usual, ctx, cite) : undefined;
  // "The gist of the journalist's piece on the Khorasan branch": a word the sources use but the
  // abstract does not ("journal") names no topic of a summary of the abstract. A word the sources
  // never use ("Brief me on ISKP's finances") stays, and leaves nothing to summarise.
  const inAbstract = (t: string) => abstract.some((hit) => ctx.support.holds(t, ctx.terms.termSet(ctx.evidence(hit))) > 0);
  const lead = closest(abstract, topic.filter((t) => inAbstract(t) || !ctx.support.speaksTo(t)), ctx, MIN_SUPPORT);
  if (!lead.length) return undefined;
  const first = composeAnswer(lead, ctx, cite);
  const rest = usual.filter((hit) => !lead.includes(hit));
  if (!rest.length) return first;
  const more = composeAnswer(rest, ctx, cite);
  return `${first} More broadly, ${more[0]!.toLowerCase()}${more.slice(1)}`;
}
