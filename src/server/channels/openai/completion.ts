import type { AskResponse, Citation } from '../../../core/answer/types';
import { MODEL_ID } from './request';

/** OpenAI's citation annotation: the marker's span in the message content, and the page it links to. */
export interface UrlCitation {
  type: 'url_citation';
  url_citation: { start_index: number; end_index: number; url: string; title: string };
}

/** What a completion is identified by: one id and one time for all chunks of a stream. */
export interface CompletionMeta {
  id: string;
  created: number;
}

const MARKER = /\[(\d{1,3})\]/g;

/**
 * One annotation per `[n]` marker in `content` (UTF-16 indices, as JS strings count), linking to
 * citation n's page. Read from the content itself, so the indices hold for whatever text was sent.
 */
export function urlCitations(content: string, citations: readonly Citation[]): UrlCitation[] {
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  const out: UrlCitation[] = [];
  for (const m of content.matchAll(MARKER)) {
    const citation = byNumber.get(Number(m[1]));
    if (citation) out.push({ type: 'url_citation', url_citation: { start_index: m.index, end_index: m.index + m[0].length, url: citation.url, title: citation.title } });
  }
  return out;
}

/** The text a chat client shows: a briefing's Markdown when the answer is a briefing, else the answer with its markers. */
export const contentOf = (response: AskResponse): string => response.briefing?.markdown ?? response.answer;

/** A whole `chat.completion`: the content, its annotations, and our citations as an extension field. */
export function chatCompletion(meta: CompletionMeta, response: AskResponse) {
  const content = contentOf(response);
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: MODEL_ID,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, annotations: urlCitations(content, response.citations), citations: response.citations },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
  };
}

/** One `chat.completion.chunk` with `delta` and `finish_reason`. */
export function chatChunk(meta: CompletionMeta, delta: Record<string, unknown>, finishReason: 'stop' | null = null) {
  return { id: meta.id, object: 'chat.completion.chunk', created: meta.created, model: MODEL_ID, choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] };
}

/** `GET /v1/models`'s one entry. Its date is the paper's year: a fixed value, the same on every server. */
export const MODEL = { id: MODEL_ID, object: 'model', created: Date.UTC(2024, 0, 1) / 1000, owned_by: 'iskp-briefing-bot' } as const;
