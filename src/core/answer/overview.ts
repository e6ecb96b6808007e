import type { Source } from '../corpus/types';
import type { Hit } from '../search/retrieve';
import type { AnswerContext } from './context';
import { withoutTrailing } from '../text/scan';
import { claimOf } from './yes-no';

const OVERVIEW =
  /\bwhat(?:'s| is| was)? (?:this|the) (?:paper|article|study|report|presentation) about\b|\b(?:summar(?:y|i[sz]e)|overview|gist|tl;?dr|abstract)\b(?! of)|\b(?:main|key|central) (?:points?|arguments?|findings?|claims?|ideas?|messages?|takeaways?)\b|\bwhat does (?:the|this) (?:paper|article|study|author) (?:argue|claim|conclude|find|show|say)\b/i;
/** Every overview word of a question, to see what else it asks. */
const OVERVIEW_WORDS = new RegExp(OVERVIEW.source, 'gi');

/** Verbs that ask for a summary, in their word forms: "summarise", "summed it up", "recap", "outline", "brief me". */
const REQUEST_VERB =
  /\b(?:summari[sz](?:e[sd]?|ing)|sum(?:s|m(?:ed|ing))? (?:it |this |that |them )?up|recap(?:s|p(?:ed|ing))?|outlin(?:e[sd]?|ing)|brief(?:s|ed|ing)? (?:me|us)|(?:walk|run|take|talk)(?:s|ed|ing)? (?:me|us) through)\b/i;
/** Nouns that name a summary, singular or plural: "a rundown", "the gist", "TL;DR", "the bottom line", "what I need to know". */
const REQUEST_NOUN =
  /\b(?:summar(?:y|ies)|overviews?|rundowns?|gist|synops[ei]s|recaps?|briefings?|outlines?|highlights|takeaways?|lowdown|nutshell|tl;? ?dr|bottom line|(?:key|main) points?|executive summary|big picture)\b/i;
/** Words that say how long, broad or selective the summary should be ("a brief overview", "key takeaways", "in a few sentences", "with five minutes"), not what it is about. */
const REQUEST_SCOPE =
  /\b(?:brief(?:ly)?|quick(?:ly)?|short|general|overall|broad|basic|concise|simple|high-level|executive|key|main|full|complete|whole|entire|detailed)\b|\b(?:in|with|under|within) (?:a |an )?(?:few|couple of|one|two|three|four|five|ten|\d+) (?:sentences?|words?|lines?|paragraphs?|bullet points?|bullets?|points?|minutes?|seconds?)\b/gi;
/** "Who wrote an overview of…", "In which journal did the paper with this abstract appear?": a question about a summary or about the paper, not a request for one. */
const ABOUT_A_SUMMARY = /\b(?:which|who|whom|whose|when|where)\b/i;
/** "Can I get a briefing on…", "Could you give me the gist": a request put as a question, which asks for no yes or no. */
const POLITE = /^\s*(?:can|could|may|might|would|will)\s+(?:i|we|you)\s+(?:please\s+)?(?:get|have|see|give|send|prepare|write|make|put together)\b/i;
/** "ISKP in a few bullet points?": how long an answer should be, said of a subject rather than asked as a question. */
const LENGTH_ONLY = /\b(?:in|with|under|within) (?:a |an )?(?:few|couple of|one|two|three|four|five|ten|\d+) (?:sentences?|lines?|paragraphs?|bullet points?|bullets?|points?)\b/i;
/** How a question opens: with a question word or an auxiliary. */
const QUESTION_OPENING = /^\s*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|has|have|had|will|would|should)\b/i;
/** A topic that names only the paper itself ("the article", "this study"): the whole paper. */
const THE_PAPER = /^(?:(?:the|this|that|its|his|her|their)\s+)?(?:paper|article|study|report|presentation|abstract|piece|work|research|text|document)s?$/i;

/**
 * "What does the abstract say?" asks for an overview; "Does the abstract say ISIS is a state?"
 * asks whether it states a claim, and "What is the latest attack the abstract mentions?" asks
 * about an attack: a question with terms besides the overview's words.
 * `focusTerms`: the question's content terms (`SupportScorer.focusTerms`).
 */
export const asksForOverview = (question: string, focusTerms: (text: string) => readonly string[]) =>
  OVERVIEW.test(question) && !ABOUT_A_SUMMARY.test(question) && !focusTerms((claimOf(question) ?? question).replace(OVERVIEW_WORDS, ' ')).length;

/**
 * Ways of asking to be told about a subject as a whole: "what should I know about…", "tell me
 * about…", "fill me in on…", "get me up to speed on…", "background on…". They ask for a briefing
 * only when what follows names a subject, not one side of it (see ASPECT).
 */
const SOFT_REQUEST =
  /\b(?:what|all|everything)(?: else)? (?:do|does|should|must|would|might) (?:i|we|one|a reader|an analyst|a journalist) (?:need to |have to |want to )?know (?:about|on|regarding)\b|\btell (?:me|us) (?:all |everything |a bit |more )?about\b|\b(?:fill|catch) (?:me|us) (?:in|up) on\b|\b(?:get|bring) (?:me|us) up to speed on\b|\b(?:background|primer) (?:on|about)\b/i;
/** "The Taliban's view of ISKP", "how ISKP recruits": a side of a subject, which a question asks about, not a subject to brief on. */
const ASPECT = /\b(?:of|between|how|why|whether|what|which|when|who|whom|where|does|did|is|are|was|were)\b/i;

/** Every request word of a question, to leave what the summary should be about. */
const REQUEST_WORDS = [REQUEST_VERB, REQUEST_NOUN, REQUEST_SCOPE, SOFT_REQUEST, LENGTH_ONLY].map((r) => new RegExp(r.source, 'gi'));

/** "Brief me on…", "Give me the gist", "Sum it up", "TL;DR", "What should I know about ISKP?": a request for a summary, not a yes/no question about one nor a question about who wrote one. */
export const asksForBriefing = (question: string) => {
  // "Who wrote an overview of…" asks about a summary; "an overview of the paper, including who wrote it" asks for one.
  const request = REQUEST_VERB.exec(question) ?? REQUEST_NOUN.exec(question);
  if (ABOUT_A_SUMMARY.test(request ? question.slice(0, request.index) : question)) return false;
  const requested = request !== null;
  if (requested && POLITE.test(question)) return true;
  if (claimOf(question) !== undefined) return false;
  if (requested || (LENGTH_ONLY.test(question) && !QUESTION_OPENING.test(question))) return true;
  const soft = SOFT_REQUEST.exec(question);
  return !!soft && !ASPECT.test(question.slice(soft.index + soft[0].length));
};

/** What a summary is of: the words after "on", "about" or "of" that follow the request ("brief me on ISKP's reorganization"). */
const TOPIC_AFTER = /^[^?!.]*?\b(?:on|about|of|regarding|concerning|around)\s+(\S[^?!]*)/i;
/**
 * What follows a topic without narrowing it: an extra asked beside the summary (", including who
 * wrote it") or the user's purpose ("for a memo", "for my students", "I can drop into a memo"; "for
 * the Taliban" is a topic).
 */
const ASIDE = /,\s*(?:including|incl\.|with|plus|and also)\b.*$|\bfor (?:a|an|my|our|your|his|her|their)\b[^?!]*$|\b(?:that |which )?(?:i|we) (?:can|could|will|would|may|might)\b[^?!]*$/i;
const LENGTH_ONLY_ALL = new RegExp(LENGTH_ONLY.source, 'gi');
/** Leading words that say nothing of the topic ("me", "the", "please", "can you"). */
const LEADING = /^(?:\s|\b(?:me|us|please|can|could|you|give|a|an|the|some|quick|and|so|now|just|i|i'm|want|need|would|like|to)\b|[,;:—–-])+/i;

/**
 * Whether a question asks for a briefing or a summary, and of what: `{ topic: null }` for the whole
 * paper ("What is this paper about?", "Give me the gist"), the topic as the user wrote it for a
 * part of it ("Brief me on ISKP's reorganization" → "ISKP's reorganization"); undefined when the
 * question asks for no summary. `focusTerms`: what the topic is about, once its framing is set aside.
 */
export function requestedBriefing(question: string, focusTerms: (text: string) => readonly string[]): { topic: string | null } | undefined {
  if (asksForBriefing(question)) {
    const rest = REQUEST_WORDS.reduce((text, words) => text.replace(words, ' '), question);
    if (!focusTerms(rest).length) return { topic: null };
    const request = REQUEST_VERB.exec(question) ?? REQUEST_NOUN.exec(question) ?? SOFT_REQUEST.exec(question);
    const after = request ? question.slice(request.index + request[0].length) : '';
    const topic = (TOPIC_AFTER.exec(after)?.[1] ?? rest).replace(ASIDE, '').replace(LENGTH_ONLY_ALL, ' ');
    const named = withoutTrailing(topic.replace(LEADING, ''), /[\s?!.]/);
    return { topic: named && !THE_PAPER.test(named) && focusTerms(named).length ? named : null };
  }
  return asksForOverview(question, focusTerms) ? { topic: null } : undefined;
}

/** The chunks of the sources of one kind as hits, in the corpus's order: the abstract's sentences, the references' entries. */
export function hitsOfKind(ctx: Pick<AnswerContext, 'index'>, kind: Source['kind']): Hit[] {
  return ctx.index.chunks.flatMap((chunk, i) => {
    const source: Source = ctx.index.chunkSources[i]!;
    return source.kind === kind ? [{ chunk, source, score: 0, dense: 0, denseLift: 0, bm25: 0 }] : [];
  });
}

/** The abstract's sentences as hits, in the author's order. */
export const abstractHits = (ctx: Pick<AnswerContext, 'index'>): Hit[] => hitsOfKind(ctx, 'abstract');
