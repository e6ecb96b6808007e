import type { Embedder } from '../../embed/embedder';
import type { SearchIndex } from '../../search/search-index';
import type { Logger } from '../../log';
import { retrieve } from '../../search/retrieve';
import { replay, type Draft } from '../answerer';
import { answerBibliographic } from '../bibliographic';
import { createCitationList } from '../citations';
import type { AnswerContext } from '../context';
import { isOffTask, isSmallTalk } from '../intent';
import { prepareRequest } from '../prepare-request';
import type { Answerer, AnswerEvent, AskRequest, AskResponse } from '../types';
import { ModelError, type ChatClient, type ChatMessage } from './chat';
import { condenseFollowUp } from './condense';
import { createDeadline, isTimeout, type Deadline } from './deadline';
import { buildPassages } from './passages';
import { answerMessages, saysNotInSources } from './prompt';
import { withRetries, type RetryOptions, type RetryPolicy } from './retry';
import { bySupport } from '../extractive';
import { requestedBriefing } from '../overview';
import { createVerifier, verifyStream } from './verify';
import type { BriefOptions } from '../../brief/briefer';
import { createSectionWriter } from '../../brief/llm-sections';
import type { Briefing, BriefRequest } from '../types';

/** The extractive answerer, which the LLM one falls back to. */
export interface ExtractiveAnswerer extends Answerer {
  draft(request: AskRequest): Promise<Draft>;
  suggestions(): Promise<string[]>;
  brief(request: BriefRequest, options?: BriefOptions): Promise<Briefing>;
}

export interface LlmAnswererDeps {
  chat: ChatClient;
  fallback: ExtractiveAnswerer;
  index: SearchIndex;
  embedder: Embedder;
  context: AnswerContext;
  logger: Logger;
  /** The whole budget for the model per question: follow-up rewrite, retries and answer. */
  timeoutMs: number;
  retry?: RetryPolicy;
  now?: () => number;
  sleep?: RetryOptions['sleep'];
}

export const NOTICES = {
  unavailable: 'The language model was unavailable, so this answer quotes the sources directly.',
  unverified: "The language model's answer could not be verified against the sources, so this answer quotes them directly.",
  incomplete: 'The language model stopped before finishing, so this answer may be incomplete.',
} as const;

const TOP_K = 8;
const MAX_ANSWER_TOKENS = 600;

/**
 * Answers with a chat model, and lets through only what it can check: each sentence is verified
 * against the passages it cites as it streams in, and goes out (renumbered, with a verbatim
 * quote per citation) or is dropped. When the model is unavailable, declines, or nothing it
 * wrote survives, the extractive answer is given instead; a model failure never becomes an error.
 */
export function createLlmAnswerer(deps: LlmAnswererDeps): Answerer {
  const { chat, fallback, index, embedder, context, logger, timeoutMs, retry, now, sleep } = deps;
  const bibliography = { sources: index.sources, terms: context.terms, support: context.support };
  const writeSection = createSectionWriter({ chat, context, logger, timeoutMs });

  async function extractive(query: string, notice?: string): Promise<AskResponse> {
    const draft = await fallback.draft({ question: query });
    const followUps = context.followUps(draft.query, draft.citations, draft.answerable, await fallback.suggestions());
    return { ...draft, followUps, ...(notice ? { notice } : {}) };
  }

  function open(streamed: boolean, messages: ChatMessage[], deadline: Deadline): Promise<AsyncIterable<string> | Iterable<string>> {
    const request = { messages, maxTokens: MAX_ANSWER_TOKENS, signal: deadline.signal, timeoutMs: deadline.remaining() };
    return streamed ? chat.stream(request) : chat.complete(request).then((text) => [text]);
  }

  async function* run(raw: AskRequest, signal: AbortSignal | undefined, streamed: boolean): AsyncGenerator<AnswerEvent> {
    // Hostile history turns are dropped here, before the rewrite or the answer could show them to the model.
    const request = prepareRequest(raw, logger);
    const { question } = request;
    // Nothing for a model to do, and an injection attempt should not reach it at all.
    if (isOffTask(question) || isSmallTalk(question)) return yield* replay(await fallback.ask(request));
    // Built once and memoised; started now so the first request does not pay for it after the model.
    void fallback.suggestions().catch(() => {});
    const deadline = createDeadline(timeoutMs, { signal, now });
    try {
      const query = await condenseFollowUp({ question, history: request.history, chat, deadline, terms: context.terms, logger });
      // Lists, counts and citation formats come exactly from the metadata; a paraphrase could only lose items.
      // A request for a summary gets the briefing, whose every point is a quote.
      if (answerBibliographic(query, bibliography, createCitationList()) || requestedBriefing(query, context.support.focusTerms)) return yield* replay(await extractive(query));
      // The passage that answers goes first, judged as the extractive answer judges it: a model
      // reads the top of its prompt most closely.
      const passages = buildPassages(bySupport(query, await retrieve({ query, index, embedder, topK: TOP_K }), context), context);
      if (!passages.length) return yield* replay(await extractive(query));

      const cite = createCitationList();
      const verify = createVerifier({ passages, support: context.support, cite });
      let reply = '';
      let answer = '';
      let failed = false;
      try {
        const messages = answerMessages({ question, query, passages });
        const onRetry = (err: unknown, attempt: number, delayMs: number) => logger.warn('model call failed, retrying', { ...describe(err), attempt, delayMs: Math.round(delayMs) });
        const tokens = await withRetries(() => open(streamed, messages, deadline), { deadline, policy: retry, sleep, onRetry });
        for await (const text of verifyStream(recording(tokens, (t) => (reply += t)), verify)) {
          answer += text;
          yield { type: 'delta', text };
        }
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        failed = true;
        logger.warn('model unavailable, answering extractively', { ...describe(err), streamedChars: answer.length });
      }
      // Verified sentences already sent stay: the final answer is always what was streamed.
      if (answer) {
        const citations = cite.list();
        const followUps = context.followUps(query, citations, true, await fallback.suggestions());
        yield { type: 'end', response: { answer, answerable: true, citations, mode: 'llm', followUps, query, ...(failed ? { notice: NOTICES.incomplete } : {}) } };
        return;
      }
      const notice = failed ? NOTICES.unavailable : saysNotInSources(reply) ? undefined : NOTICES.unverified;
      yield* replay(await extractive(query, notice));
    } finally {
      deadline.dispose();
    }
  }

  return {
    async ask(request, options) {
      for await (const event of run(request, options?.signal, false)) if (event.type === 'end') return event.response;
      throw new Error('answer ended without a response');
    },
    stream: (request, options) => run(request, options?.signal, true),
    brief: (request, options) => fallback.brief(request, { writeSection, signal: options?.signal }),
  };
}

/** Passes text through, letting `record` see it (the raw reply decides between "declined" and "unverifiable"). */
async function* recording(text: AsyncIterable<string> | Iterable<string>, record: (t: string) => void): AsyncGenerator<string> {
  for await (const t of text) {
    record(t);
    yield t;
  }
}

function describe(err: unknown): Record<string, unknown> {
  if (err instanceof ModelError) return { fault: err.fault, status: err.details.status, error: err.message };
  return { fault: isTimeout(err) ? 'timeout' : 'error', error: String(err) };
}
