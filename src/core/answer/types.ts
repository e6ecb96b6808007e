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
  /**
   * The source's page with the quote highlighted (`/sources/:id?q=…#quote`): absolute in HTTP
   * responses (PUBLIC_URL, or the request's origin), relative where there is no origin (the CLI).
   */
  url: string;
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

/** Public API shape of `POST /api/brief` and of the `briefing` field of `/api/ask` and `/api/chat`. Change only by adding fields. */

export type BriefLength = 'short' | 'standard';

export interface BriefRequest {
  /** What to brief on (1–200 characters); the whole corpus when absent. */
  topic?: string;
  length?: BriefLength;
}

/** A line of text with `[n]` markers, and the numbers of the citations those markers name. */
export interface BriefText {
  text: string;
  citations: number[];
}

export type SectionId = 'background' | 'situation' | 'threat' | 'recommendations' | 'literature';

export interface BriefSection {
  id: SectionId;
  heading: string;
  points: BriefText[];
}

export interface ReadNext {
  sourceId: string;
  why: string;
}

export interface Briefing {
  title: string;
  /** The topic as asked, or null for a briefing on the whole corpus. */
  topic: string | null;
  bottomLine: BriefText;
  sections: BriefSection[];
  readNext: ReadNext[];
  /** Numbered as in `/api/ask`: from 1, in order of first use, every one used by a marker. */
  citations: Citation[];
  mode: 'extractive' | 'llm';
  answerable: boolean;
  /** Suggestions when the topic is declined. */
  followUps?: string[];
  /** Names the sections that fell back to extractive when the model failed them. */
  notice?: string;
  /** ISO 8601; the one field that differs between identical requests. */
  generatedAt: string;
  /** The briefing as Markdown, in the `briefing` field of `/api/ask` and `/api/chat`. */
  markdown?: string;
}
