import { invertName, splitApaAuthors } from './names';
import { isAbbreviation } from './sentences';

/**
 * One APA-style reference-list entry → fields. The entry is read as APA elements separated by periods:
 *
 *   Author. (Date). Title. [Source.] [Publisher.]
 *
 * where Source is a journal ("CTC Sentinel 16(7), 20-27.") or a book a chapter appears in
 * ("In A. Jadoon (Ed.), Book (pp. 10–30)."). Titles may contain colons, quotes and question marks, so
 * the title is whatever is left once the recognisable trailing elements have been peeled off the end.
 */
export interface ApaFields {
  authors: string[];
  editors: string[];
  year: number | null;
  /** Only when the date is written "(2023, May 5)". */
  month: string | null;
  title: string;
  container: string | null;
  volume: string | null;
  issue: string | null;
  /** As written, including an en dash ("10–30") or hyphen ("20-27"). */
  pages: string | null;
  publisher: string | null;
}

// "Author. (2023). Rest" — also "(2023, May 5)", "(2023a)" and "(n.d.)"; the period after the date is
// sometimes missing in the wild.
const HEAD = /^(?<authors>\S.*?)\s*\((?<date>(?<year>\d{4})[a-z]?(?:,\s*(?<month>[A-Za-z]+)[^)]*)?|n\.\s?d\.)\)\.?\s+(?<rest>\S.*)$/u;

// "CTC Sentinel 16(7), 20-27." — volume plus issue and/or pages, so a title ending in a year
// ("… Threat in 2023.") is never mistaken for a journal volume.
const JOURNAL = /^(?<container>\D+?),?\s+(?<volume>\d+)(?:\s*\((?<issue>[^)]+)\))?(?:,\s*(?<pages>[\p{L}\d]+(?:\s*[-–]\s*[\p{L}\d]+)?))?\.$/u;

// "In A. Jadoon (Ed.), Book (pp. 10–30)." or "In Book, 6-10." — editors and pages optional.
const CHAPTER = /^In\s+(?:(?<editors>[^()]+?)\s+\(Eds?\.\),\s*)?(?<book>\S.*?)(?:\s*\(pp?\.\s*(?<pages>[^)]+)\)|,\s*(?<bare>\d+\s*[-–]\s*\d+))?\.$/u;

// Lowercase words an organisation's name may contain ("Council on Foreign Relations").
const MINOR_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'for', 'at', 'on', 'in', 'to', 'by', 'with', 'de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'und', 'et', 'y']);

/** True for a line that opens like an APA entry: "Author. (2023). …". */
export function isApaReferenceLine(line: string): boolean {
  return HEAD.test(line.trim());
}

/** Parse one entry; null when the line is not an APA entry at all. */
export function parseApaReference(line: string): ApaFields | null {
  const head = line.trim().match(HEAD)?.groups;
  if (!head) return null;
  const authors = splitApaAuthors(head.authors!);
  const fields: ApaFields = {
    authors,
    editors: [],
    year: head.year ? Number(head.year) : null,
    month: head.month ?? null,
    title: '',
    container: null,
    volume: null,
    issue: null,
    pages: null,
    publisher: null,
  };

  const rest = head.rest!;
  const elements = splitElements(rest);
  let end = elements.length;
  const last = (): string => rest.slice(elements[end - 1]![0], elements[end - 1]![1]);
  // The first element always belongs to the title; only later ones can be source or publisher.
  if (end > 1 && !isSource(last()) && looksLikePublisher(last(), authors)) {
    fields.publisher = stripPeriod(last());
    end--;
  }
  if (end > 1 && readSource(last(), fields)) end--;
  fields.title = stripPeriod(rest.slice(0, elements[end - 1]![1]));

  // An organisation with no publisher element published the work itself (APA omits the repeat).
  if (!fields.publisher && authors.length === 1 && !authors[0]!.includes(',')) fields.publisher = authors[0]!;
  return fields;
}

/**
 * [start, end) of each period-terminated element. A period ends an element when followed by a space,
 * unless it closes an abbreviation or initial ("pp.", "In A. Jadoon", "U.S." — publishers such as
 * "U.S. Institute of Peace" are commoner than titles ending in "U.S."). Unlike sentences, the next
 * element may start in lowercase ("bne IntelliNews").
 */
function splitElements(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (const m of text.matchAll(/[.?!]["'”’)]*(?=\s+\S)/gu)) {
    if (m[0].startsWith('.') && isAbbreviation(wordBefore(text, m.index))) continue;
    const end = m.index + m[0].length;
    out.push([start, end]);
    start = end + (text.slice(end).match(/^\s+/)?.[0].length ?? 0);
  }
  out.push([start, text.length]);
  return out;
}

function wordBefore(text: string, at: number): string {
  return text.slice(text.lastIndexOf(' ', at - 1) + 1, at);
}

function isSource(element: string): boolean {
  return JOURNAL.test(element) || CHAPTER.test(element);
}

/** Fill container/volume/issue/pages/editors from a journal or "In …" element; false if it is neither. */
function readSource(element: string, fields: ApaFields): boolean {
  const journal = element.match(JOURNAL)?.groups;
  if (journal && (journal.issue || journal.pages)) {
    fields.container = journal.container!.trim();
    fields.volume = journal.volume!;
    fields.issue = journal.issue ?? null;
    fields.pages = journal.pages ?? null;
    return true;
  }
  const chapter = element.match(CHAPTER)?.groups;
  if (chapter) {
    fields.editors = chapter.editors ? chapter.editors.split(/\s*,\s*(?:&\s*)?|\s+&\s+|\s+and\s+/).map(invertName) : [];
    fields.container = chapter.book!.trim();
    fields.pages = (chapter.pages ?? chapter.bare)?.trim() ?? null;
    return true;
  }
  return false;
}

/**
 * A trailing element is the publisher when it repeats the (organisational) author, or when it reads
 * like an institution's name: short, no colon or question mark (title devices), and every word
 * capitalised apart from minor words ("Council on Foreign Relations (CFR)"). A title's own last
 * sentence rarely passes this, and when the entry has a single element nothing is peeled off at all.
 */
function looksLikePublisher(element: string, authors: readonly string[]): boolean {
  const name = stripPeriod(element);
  if (authors.some((a) => a.toLowerCase() === name.toLowerCase())) return true;
  if (/[:?!]/.test(name)) return false;
  const words = name.replace(/\([^)]*\)/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 15 || !/^\p{Lu}/u.test(words[0]!)) return false;
  return words.every((w) => w === '&' || MINOR_WORDS.has(w) || /^\p{Lu}/u.test(w));
}

/** Drop the element's closing period, but not an ellipsis or one that belongs to "U.S.". */
function stripPeriod(element: string): string {
  const text = element.trim();
  if (!text.endsWith('.') || text.endsWith('...')) return text;
  const body = text.slice(0, -1);
  const lastWord = body.split(/\s+/).pop() ?? '';
  return /^(?:\p{L}\.)+\p{L}$/u.test(lastWord) ? text : body;
}
