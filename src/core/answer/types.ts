import type { SourceKind } from '../corpus/types';

/** Public API shapes of `/api/ask` and `/api/chat`. Change only by adding fields. */

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

export interface AskRequest {
  question: string;
  history?: Turn[];
}

export interface Citation {
  /** Matches a `[n]` marker in the answer; numbered from 1 in order of first use. */
  n: number;
  sourceId: string;
  kind: SourceKind;
  title: string;
  authors: string[];
  year: number | null;
  container: string | null;
  publisher: string | null;
  /** Verbatim text from the source that supports the sentence the marker follows. */
  quote: string;
}

export interface AskResponse {
  answer: string;
  answerable: boolean;
  citations: Citation[];
  mode: 'extractive' | 'llm';
  followUps: string[];
  /** The question actually searched, after resolving follow-ups against the history. */
  query: string;
  /** Set when something degraded, e.g. the model was unavailable and the extractive answer was used. */
  notice?: string;
}

/** Text as it is verified, then the whole response: what `/api/chat` streams as SSE. */
export type AnswerEvent = { type: 'delta'; text: string } | { type: 'end'; response: AskResponse };

/** What every channel (API, widget, Slack) asks questions through. */
export interface Answerer {
  ask(request: AskRequest, options?: { signal?: AbortSignal }): Promise<AskResponse>;
  stream(request: AskRequest, options?: { signal?: AbortSignal }): AsyncIterable<AnswerEvent>;
}
