/** The citable records everything else is built on. Shapes are public API (`GET /api/sources`). */

export type SourceKind = 'paper' | 'abstract' | 'reference' | 'document';

export interface Source {
  /** Stable, readable id, e.g. `hamming-2023`, `tassev-2024`, `abstract`. */
  id: string;
  kind: SourceKind;
  title: string;
  /** As written in the document, e.g. `"Jadoon, A."` or `"Al Jazeera"`. */
  authors: string[];
  editors: string[];
  year: number | null;
  /** Journal, series or book the work appears in. */
  container: string | null;
  volume: string | null;
  issue: string | null;
  /** As written, including an en dash ("10–30") or hyphen ("20-27"). */
  pages: string | null;
  /** Outlet, institute or publisher. */
  publisher: string | null;
  /** The record exactly as it stands in its file (the reference entry, the abstract, the document body). */
  text: string;
  /** Optional extras; added fields only, never renamed. */
  url?: string | null;
  month?: string | null;
  accessed?: string | null;
  section?: string | null;
  /** Corpus file the record came from, relative to the corpus folder. */
  file?: string;
}

/**
 * The fields `K` of a source as a parser reads them from a record: each one present, null when the
 * record has none (the optional extras included), so each field's type is declared once, in `Source`.
 */
export type SourceFields<K extends keyof Source> = Required<Pick<Source, K>>;

/** A sentence of a source, kept verbatim with its offset into `Source.text`. */
export interface Sentence {
  text: string;
  offset: number;
}

export interface GlossaryEntry {
  /** Preferred name, e.g. `Islamic State Khorasan Province`. */
  canonical: string;
  /** Other ways users write it, e.g. `ISKP`, `IS-K`, `Daesh Khorasan`. */
  aliases: string[];
  /** `term`: a topic ("media warfare"); `synonym`: plain word variants ("threat" = "danger"), for matching only. */
  kind: 'group' | 'institute' | 'outlet' | 'place' | 'person' | 'term' | 'synonym';
}

export interface Corpus {
  sources: Source[];
  glossary: GlossaryEntry[];
  /** Files that failed to parse: reported by name and skipped, the rest is served. */
  errors: { file: string; message: string }[];
}
