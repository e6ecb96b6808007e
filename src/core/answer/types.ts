import type { SourceKind } from '../corpus/types';
import type { Briefing, BriefRequest, BriefSection } from '../brief/types';

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
  /** Present when the question asked for a briefing or a summary: the structured briefing, with its Markdown; `answer` holds its lines as plain text. */
  briefing?: Briefing;
}

/** Text as it is verified, then the whole response: what `/api/chat` streams as SSE. */
export type AnswerEvent = { type: 'delta'; text: string } | { type: 'section'; section: BriefSection } | { type: 'end'; response: AskResponse };

/** What every channel (API, widget, Slack) asks questions through. */
export interface Answerer {
  ask(request: AskRequest, options?: { signal?: AbortSignal }): Promise<AskResponse>;
  stream(request: AskRequest, options?: { signal?: AbortSignal }): AsyncIterable<AnswerEvent>;
  /** A structured briefing on the corpus, or on a topic of it (`POST /api/brief`, `GET /brief`). */
  brief(request: BriefRequest, options?: { signal?: AbortSignal }): Promise<Briefing>;
}
