import type { Source } from '../../../core/corpus/types';

/** A source's own page on this server (source-pages channel), absolute on `origin`. */
export const sourcePageUrl = (origin: string, id: string) => `${origin}/sources/${encodeURIComponent(id)}`;

/** What the `fetch` tool returns: the ChatGPT connector shape `{ id, title, text, url, metadata }`. */
export interface SourceDocument {
  id: string;
  title: string;
  text: string;
  url: string;
  metadata: Record<string, unknown>;
}

/**
 * A source as a document to read and quote: its text exactly as the corpus holds it (so a quote
 * taken from it is verbatim), its page, and every bibliographic field it has, nulls left out.
 */
export function sourceDocument(source: Source, origin: string): SourceDocument {
  const { id, title, text, file: _file, ...fields } = source;
  // The corpus file name says nothing a reader needs; the rest is the record's bibliography.
  const metadata = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
  return { id, title, text, url: sourcePageUrl(origin, id), metadata };
}
