import type { Citation } from '../answer/types';

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
