import type { Embedder } from '../embed/embedder';
import type { SearchIndex } from '../search/search-index';
import type { Logger } from '../log';
import { retrieve, type Hit } from '../search/retrieve';
import { abstentionText, type AbstainReason } from './abstain';
import { answerAboutEarlierWork, answerAmongEarlierWorks, answerBibliographic, withoutAttribution } from './bibliographic';
import { createCitationList, type CitationList } from './citations';
import { createAnswerContext, type AnswerContext } from './context';
import { answerFromPassages } from './extractive';
import { ownWords, resolveFollowUp } from './follow-up';
import { isOffTask, isSmallTalk } from './intent';
import { abstractHits, requestedBriefing } from './overview';
import { createBriefer, type BriefOptions } from '../brief/briefer';
import { briefingMarkdown, briefingText } from '../brief/render';
import type { Briefing, BriefRequest } from '../brief/types';
import { authorYear } from './citations';
import { prepareRequest } from './prepare-request';
import type { Answerer, AnswerEvent, AskRequest, AskResponse } from './types';

export interface AnswererDeps {
  index: SearchIndex;
  embedder: Embedder;
  logger: Logger;
  /** Shared with other answerers over the same index; built here when absent. */
  context?: AnswerContext;
}

const TOP_K = 8;

/** An extractive answer, before follow-up suggestions are attached. */
export type Draft = Omit<AskResponse, 'followUps'>;

/**
 * The extractive answerer: no model, no network. Off-task requests are declined, bibliographic
 * questions answered from metadata, everything else from the passages that support it, and an
 * honest abstention when none does.
 */
export function createAnswerer({ index, embedder, logger, context = createAnswerContext(index) }: AnswererDeps): Answerer & { draft(request: AskRequest): Promise<Draft>; suggestions(): Promise<string[]>; brief(request: BriefRequest, options?: BriefOptions): Promise<Briefing> } {
  const bibliography = { sources: index.sources, terms: context.terms, support: context.support };
  const briefer = createBriefer({ index, embedder, context, suggestions: () => suggestions() });
  const paperAbstract = abstractHits(context).filter((h) => !context.planted(h.chunk));
  const withAbstract = (hits: Hit[]) => {
    const seen = new Set(hits.map((h) => h.chunk.id));
    return [...hits, ...paperAbstract.filter((h) => !seen.has(h.chunk.id))];
  };

  async function draft(request: AskRequest): Promise<Draft> {
    const { question, history } = prepareRequest(request, logger);
    const query = resolveFollowUp(question, history, context.terms);
    if (isOffTask(question)) return abstain(query, 'off_task');
    if (isSmallTalk(question)) return abstain(query, 'small_talk');
    const cite = createCitationList();
    // What the question asks once "according to the paper" and the like are set aside.
    const asked = withoutAttribution(query, bibliography);
    // A request for a summary gets the briefing, and never goes to the metadata: its "brief" or
    // "overview" would match a title.
    // ("What does the paper argue?" is all attribution: what is left of it asks nothing, the whole of it for an overview.)
    const requested = requestedBriefing(asked, context.support.focusTerms) ?? (asked === query ? undefined : requestedBriefing(query, context.support.focusTerms));
    if (requested) {
      const briefing = await briefer.brief({ topic: requested.topic ?? undefined });
      return briefing.answerable ? briefed(query, briefing) : abstain(query, 'unsupported');
    }
    // "Who published it?" after a question about one reference asks of that reference, by its
    // own words: the resolved query would carry the earlier question's fields along.
    const bib = answerAmongEarlierWorks(question, history, bibliography, cite) ?? answerAboutEarlierWork(question, history, bibliography, cite) ?? answerBibliographic(query, bibliography, cite);
    if (bib) return answered(query, bib, cite);
    // A passage planted in an added document to steer the bot (an instruction to it, forged prompt
    // markup) is never quoted: the answer would relay it in the bot's own voice.
    const hits = (await retrieve({ query, index, embedder, topK: TOP_K })).filter((h) => !context.planted(h.chunk));
    // The abstract is the paper's own word on everything it covers, and short: before declining,
    // every sentence of it is weighed, retrieved or not ("Which countries does the author zoom in
    // on?" shares no word with its answer).
    // A follow-up carrying the earlier question as context ("Which of the workshop's questions does
    // it relate to?") is answered on its own words when they find support: the earlier question's
    // words would pull the answer back to what was already answered.
    const own = ownWords(asked);
    const text =
      (own && answerFromPassages(own, withAbstract(hits), context, cite)) ||
      answerFromPassages(asked, hits, context, cite) ||
      answerFromPassages(asked, withAbstract(hits), context, cite);
    return text ? answered(query, text, cite) : abstain(query, 'unsupported');
  }

  const answered = (query: string, answer: string, cite: CitationList): Draft => ({ mode: 'extractive', query, answer, answerable: true, citations: cite.list() });
  const briefed = (query: string, briefing: Briefing): Draft => {
    const markdown = briefingMarkdown(briefing, readNextTitle);
    return { mode: 'extractive', query, answer: briefingText(briefing, readNextTitle), answerable: true, citations: briefing.citations, briefing: { ...briefing, markdown } };
  };
  const readNextTitle = (id: string) => {
    const source = index.sourceById.get(id);
    return source && authorYear(source);
  };
  // Worded from the index alone, so the same three texts serve every abstention.
  const abstentions: Record<AbstainReason, string> = {
    unsupported: abstentionText('unsupported', index.sources),
    off_task: abstentionText('off_task', index.sources),
    small_talk: abstentionText('small_talk', index.sources),
  };
  const abstain = (query: string, reason: AbstainReason): Draft => ({ mode: 'extractive', query, answer: abstentions[reason], answerable: false, citations: [] });

  // Suggestions are only offered once the answerer has shown it can answer them.
  let pool: Promise<string[]> | undefined;
  const suggestions = () =>
    (pool ??= (async () => {
      const ok = await Promise.all(context.candidates.map(async (q) => (await draft({ question: q })).answerable));
      return context.candidates.filter((_, i) => ok[i]);
    })());
  // Drafted now, at load, rather than by the first question (which would wait for every candidate's
  // answer). A failure is left for the first question to report, not raised here unhandled.
  suggestions().catch(() => {});

  async function ask(request: AskRequest): Promise<AskResponse> {
    // Fields named rather than spread: a spread is a slow generic copy on this hot path (docs/benchmarks.md).
    const { mode, query, answer, answerable, citations, briefing } = await draft(request);
    const followUps = context.followUps(query, citations, answerable, await suggestions());
    return briefing ? { mode, query, answer, answerable, citations, followUps, briefing } : { mode, query, answer, answerable, citations, followUps };
  }

  /** A briefing on its own (`POST /api/brief`), with its Markdown; a topic with an injected instruction is declined like a question. */
  async function brief(request: BriefRequest, options?: BriefOptions): Promise<Briefing> {
    const briefing = await briefer.brief(request, options);
    return { ...briefing, markdown: briefingMarkdown(briefing, readNextTitle) };
  }

  return {
    ask,
    brief,
    draft,
    suggestions,
    // The extractive answer exists whole at once; streaming it sentence by sentence keeps one
    // client code path for both modes.
    stream: async function* (request) {
      yield* replay(await ask(request));
    },
  };
}

/** A whole answer as the stream of one: its sentences, then the response. */
export function* replay(response: AskResponse): Generator<AnswerEvent> {
  const sections = response.briefing?.sections ?? [];
  if (!sections.length) for (const text of splitForStreaming(response.answer)) yield { type: 'delta', text };
  else {
    // A briefing's text is its lines; each section's event follows the lines that wrote it.
    const [head] = response.answer.split(`\n\n${sections[0]!.heading}\n`, 1);
    let at = head!.length;
    for (const text of splitForStreaming(head!)) yield { type: 'delta', text };
    for (const [i, section] of sections.entries()) {
      const next = sections[i + 1];
      const end = next ? response.answer.indexOf(`\n\n${next.heading}\n`, at) : -1;
      const part = response.answer.slice(at, end === -1 ? undefined : end);
      at += part.length;
      yield { type: 'delta', text: part };
      yield { type: 'section', section };
    }
  }
  yield { type: 'end', response };
}

/** Characters that end a sentence when whitespace or the end of the text follows them. */
const STOPS = new Set(['.', '!', '?']);
const isSpace = (ch: string) => ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u00a0';

/**
 * Sentence-sized pieces of an answer, in order, that join back into the answer exactly: each ends
 * after a run of stops and the whitespace after it, at a line break, or at the end. Stops that run
 * into the next character ("U.S.", "3.5") stay inside their piece. One pass, so linear in the text.
 */
export function splitForStreaming(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (ch === '\n') {
      i++;
      pieces.push(text.slice(start, i));
      start = i;
    } else if (STOPS.has(ch)) {
      let end = i;
      while (end < text.length && STOPS.has(text[end]!)) end++;
      if (end === text.length || isSpace(text[end]!)) {
        while (end < text.length && isSpace(text[end]!)) end++;
        pieces.push(text.slice(start, end));
        start = end;
      }
      i = end;
    } else i++;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}
