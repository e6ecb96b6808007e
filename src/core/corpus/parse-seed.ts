import { isApaReferenceLine, parseApaReference } from './parse-apa-reference';
import { apaName } from './names';
import { sourceId, uniqueId } from './source-id';
import type { Source, SourceFields } from './types';

/**
 * The seed is a journal page saved as text (OJS layout):
 *
 *   Title
 *   • Author Name            (byline, one bullet per author)
 *   Abstract paragraph(s)
 *   Reference lines, APA style, one per line
 *   How to Cite
 *   SURNAME, Given. Title. Journal, [S.l.], v. 6, n. 2, p. 475-479, june 2024. Available at: <…>. Date accessed: 26 july 2024.
 *   Section name
 *
 * Conventions: people are "Family, I. N." (APA), page ranges are kept as written (hyphen or en dash),
 * month names are capitalised ("june" → "June", "26 july 2024" → "26 July 2024").
 */

interface Line {
  text: string;
  start: number;
}

const BULLET = /^\s*[•·‣◦*-]\s+(?<names>\S.*)$/u;
const HOW_TO_CITE = /^\s*how to cite\s*$/i;

/** Seed detection by content: a "How to Cite" block plus several APA reference lines. */
export function isSeedDocument(text: string): boolean {
  const lines = text.split(/\r?\n/);
  return lines.some((l) => HOW_TO_CITE.test(l)) && lines.filter(isApaReferenceLine).length >= 3;
}

/**
 * The paper, its abstract, then every reference in document order. Ids are claimed in `taken` (pass
 * the corpus-wide set so collisions with other files are suffixed from the base id).
 */
export function parseSeed(text: string, file?: string, taken: Set<string> = new Set()): Source[] {
  const lines = splitLines(text);
  const content = lines.filter((l) => l.text.trim() !== '');
  const cite = content.findIndex((l) => HOW_TO_CITE.test(l.text));
  if (content.length === 0) throw new Error(`${file ?? 'seed'}: empty document`);
  if (cite === -1 || !content[cite + 1]) throw new Error(`${file ?? 'seed'}: no "How to Cite" block with a citation line`);

  const title = content[0]!.text.trim();
  const citation = content[cite + 1]!.text;
  const section = content[cite + 2]?.text.trim() ?? null;
  const head = content.slice(1, cite);
  const bylines = head.filter((l, i) => BULLET.test(l.text) && head.slice(0, i).every((p) => BULLET.test(p.text)));
  const firstRef = head.findIndex((l) => isApaReferenceLine(l.text));
  const abstractLines = head.slice(bylines.length, firstRef === -1 ? head.length : firstRef);
  const referenceLines = firstRef === -1 ? [] : head.slice(firstRef).filter((l) => isApaReferenceLine(l.text));
  if (abstractLines.length === 0) throw new Error(`${file ?? 'seed'}: no abstract between the byline and the references`);

  const cited = parseOjsCitation(citation);
  const authors = bylines.length > 0 ? bylines.flatMap((l) => bylineAuthors(l.text)) : cited.authors;
  const paper: Source = {
    id: uniqueId(sourceId(authors, cited.year, title), taken),
    kind: 'paper',
    title,
    authors,
    editors: [],
    year: cited.year,
    container: cited.container,
    volume: cited.volume,
    issue: cited.issue,
    pages: cited.pages,
    publisher: null,
    text: citation,
    url: cited.url,
    month: cited.month,
    accessed: cited.accessed,
    section,
    ...(file !== undefined && { file }),
  };
  const first = abstractLines[0]!;
  const last = abstractLines[abstractLines.length - 1]!;
  const abstract: Source = {
    ...paper,
    id: uniqueId(`${paper.id}-abstract`, taken),
    kind: 'abstract',
    title: `Abstract: ${title}`,
    // Several paragraphs stay one record, sliced from the document so the text is exact.
    text: text.slice(first.start, last.start + last.text.length).trim(),
  };
  const references = referenceLines.map((line) => referenceSource(line.text, taken, file));
  return [paper, abstract, ...references];
}

function referenceSource(line: string, taken: Set<string>, file: string | undefined): Source {
  const fields = parseApaReference(line)!; // the line passed isApaReferenceLine
  return {
    id: uniqueId(sourceId(fields.authors, fields.year, fields.title), taken),
    kind: 'reference',
    title: fields.title,
    authors: fields.authors,
    editors: fields.editors,
    year: fields.year,
    container: fields.container,
    volume: fields.volume,
    issue: fields.issue,
    pages: fields.pages,
    publisher: fields.publisher,
    text: line,
    ...(fields.month !== null && { month: capitalise(fields.month) }),
    ...(file !== undefined && { file }),
  };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    lines.push({ text: raw.replace(/\r$/, ''), start });
    start += raw.length + 1;
  }
  return lines;
}

/** "• Ivaylo Valentinov Tassev" → ["Tassev, I. V."]: a byline is in natural order, family name last. */
function bylineAuthors(line: string): string[] {
  const names = line.match(BULLET)!.groups!.names!;
  return names
    // `(?<!\s)`: a run of spaces is tried as a separator from its first space only, not from each of them.
    .split(/(?:(?<!\s)\s+)?[,;]\s*|(?<!\s)\s+and\s+|(?<!\s)\s+&\s+/)
    .filter(Boolean)
    .map((name) => {
      const words = name.trim().split(/\s+/);
      return apaName(words[words.length - 1]!, words.slice(0, -1).join(' '));
    });
}

type OjsCitation = SourceFields<'authors' | 'year' | 'month' | 'container' | 'volume' | 'issue' | 'pages' | 'url' | 'accessed'>;

// "Journal, [S.l.], v. 6, n. 2, p. 475-479, june 2024." — the ABNT layout OJS prints under "How to Cite",
// read from the comma after the journal's name. Volume, issue and pages keep their leading spaces here.
const OJS_SOURCE = /,\s*(?:\[S\.l\.\],\s*)?v\.(?<volume>[^,]+),\s*(?:n\.(?<issue>[^,]+),\s*)?(?:p\.(?<pages>[^,]+),\s*)?(?:(?<month>\p{L}+)\.?\s+)?(?<year>\d{4})\./uy;

/**
 * Fields of the OJS "How to Cite" line. Its author is "SURNAME, Given." where OJS files the middle name
 * with the surname ("VALENTINOV TASSEV, Ivaylo."), so the byline is preferred for authors and this is
 * only the fallback.
 */
function parseOjsCitation(line: string): OjsCitation {
  const author = line.match(/^(?<family>[^,.]+),(?<given>[^.]+)\./u)?.groups;
  const source = readOjsSource(line);
  const url = readUrl(line);
  const accessed = readAccessed(line);
  return {
    authors: author ? [apaName(capitalise(author.family!.toLowerCase()), unindent(author.given!))] : [],
    year: source ? Number(source.year) : null,
    month: source?.month ? capitalise(source.month) : null,
    container: source?.container ?? null,
    volume: source?.volume ?? null,
    issue: source?.issue ?? null,
    pages: source?.pages ?? null,
    url: url || null,
    accessed: accessed ? accessed.replace(/\p{L}+/u, capitalise) : null,
  };
}

interface OjsSource {
  container: string;
  volume: string;
  issue: string | null;
  pages: string | null;
  month: string | undefined;
  year: string;
}

/**
 * The journal element of the citation. The journal's name has no period and starts the line or follows
 * ". ", so each comma is tried in turn as the end of the name: this is the first match of
 * /(?:^|\.\s+)(?<container>[^.]+?),\s*(?:\[S\.l\.\],\s*)?v\.\s*(?<volume>[^,]+?),…(?<year>\d{4})\./u, found in one pass.
 */
function readOjsSource(line: string): OjsSource | null {
  let period = -1; // the last "." before the comma
  for (const mark of line.matchAll(/[.,]/g)) {
    if (mark[0] === '.') {
      period = mark.index;
      continue;
    }
    // A name after a period needs a space before it and one more character (which may be a space too).
    const named = period === -1 ? mark.index > 0 : /\s/u.test(line[period + 1]!) && mark.index - period > 2;
    if (!named) continue;
    OJS_SOURCE.lastIndex = mark.index;
    const source = OJS_SOURCE.exec(line)?.groups;
    if (!source) continue;
    return {
      container: line.slice(period + 1, mark.index).trim(),
      volume: unindent(source.volume!),
      issue: source.issue === undefined ? null : unindent(source.issue),
      pages: source.pages === undefined ? null : unindent(source.pages),
      month: source.month,
      year: source.year!,
    };
  }
  return null;
}

/** "Available at: <https://…>." → the address: the first such label followed by "<", up to the next ">". */
function readUrl(line: string): string | undefined {
  const label = /Available at:/gi;
  while (label.exec(line)) {
    const open = /\s*</y;
    open.lastIndex = label.lastIndex;
    if (!open.test(line)) continue;
    const close = line.indexOf('>', open.lastIndex);
    return close === -1 ? undefined : line.slice(open.lastIndex, close).trim();
  }
  return undefined;
}

/** "Date accessed: 26 july 2024." → "26 july 2024": the text after the first such label that is followed by a period. */
function readAccessed(line: string): string | null {
  const label = /Date accessed:/gi;
  while (label.exec(line)) {
    const period = line.indexOf('.', label.lastIndex);
    if (period === -1) return null;
    if (period > label.lastIndex) return line.slice(label.lastIndex, period).trim();
  }
  return null;
}

/** A field read as `\s*(?<field>[^,]+?)`: without its leading spaces, or its last space when it is nothing else. */
function unindent(field: string): string {
  return field.trimStart() || field.slice(-1);
}

/** "june" → "June"; "valentinov tassev" → "Valentinov Tassev". */
function capitalise(text: string): string {
  return text.replace(/(^|[\s-])(\p{Ll})/gu, (_, pre: string, c: string) => pre + c.toUpperCase());
}
