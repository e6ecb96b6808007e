import { invertName, splitApaAuthors } from './names';
import { isAbbreviationBefore } from './sentences';
import { LINE_BREAK, trailingRunStart } from '../text/scan';
import type { SourceFields } from './types';

/**
 * One APA-style reference-list entry → fields. The entry is read as APA elements separated by periods:
 *
 *   Author. (Date). Title. [Source.] [Publisher.]
 *
 * where Source is a journal ("CTC Sentinel 16(7), 20-27.") or a book a chapter appears in
 * ("In A. Jadoon (Ed.), Book (pp. 10–30)."). Titles may contain colons, quotes and question marks, so
 * the title is whatever is left once the recognisable trailing elements have been peeled off the end.
 * The month is read only when the date is written "(2023, May 5)".
 */
export type ApaFields = SourceFields<'authors' | 'editors' | 'year' | 'month' | 'title' | 'container' | 'volume' | 'issue' | 'pages' | 'publisher'>;

// The date of "Author. (2023). Rest", read from just after its "(": "2023", "2023a", "2023, May 5" (the
// month is captured, what follows it up to the ")" is not) or "n.d.".
const DATE = /(?<year>\d{4})[a-z]?(?:,\s*(?<month>[A-Za-z]+))?|n\.\s?d\./uy;

// What follows the date's ")": the period is sometimes missing in the wild.
const AFTER_DATE = /\.?\s+/uy;

// "CTC Sentinel 16(7), 20-27." from the volume on — volume plus issue and/or pages, so a title ending
// in a year ("… Threat in 2023.") is never mistaken for a journal volume.
const VOLUME = /(?<volume>\d+)(?:\s*\((?<issue>[^)]+)\))?(?:,\s*(?<pages>[\p{L}\d]+(?:\s*[-–]\s*[\p{L}\d]+)?))?\.$/uy;

// The editors of a chapter, read from the "(" after their names: "(Ed.), " or "(Eds.), ".
const EDITORS_MARK = /\(Eds?\.\),\s*/uy;

// A chapter's page range, read from its "(": "(p. 7)" or "(pp. 10–30)".
const PAGES_MARK = /\(pp?\./uy;

// A chapter's bare page range after the book's title: ", 6-10".
const BARE_PAGES = /^,\s*(?<bare>\d+\s*[-–]\s*\d+)$/u;

// Lowercase words an organisation's name may contain ("Council on Foreign Relations").
const MINOR_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'for', 'at', 'on', 'in', 'to', 'by', 'with', 'de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'und', 'et', 'y']);

/** True for a line that opens like an APA entry: "Author. (2023). …". */
export function isApaReferenceLine(line: string): boolean {
  return readHead(line.trim()) !== null;
}

/** Parse one entry; null when the line is not an APA entry at all. */
export function parseApaReference(line: string): ApaFields | null {
  const head = readHead(line.trim());
  if (!head) return null;
  const authors = splitApaAuthors(head.authors);
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

  const rest = head.rest;
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

interface Head {
  authors: string;
  year: string | undefined;
  month: string | undefined;
  /** Everything after the date; it has no line break. */
  rest: string;
}

/**
 * "Author. (2023). Rest" — also "(2023, May 5)", "(2023a)" and "(n.d.)"; the period after the date is
 * sometimes missing in the wild. The authors end at the first "(" that opens a date (less the spaces
 * before it) and, like the rest, have no line break. This is the match of
 * /^(?<authors>\S.*?)\s*\((?<date>(?<year>\d{4})[a-z]?(?:,\s*(?<month>[A-Za-z]+)[^)]*)?|n\.\s?d\.)\)\.?\s+(?<rest>\S.*)$/u,
 * found in one pass.
 */
function readHead(line: string): Head | null {
  if (!/^\S/u.test(line)) return null;
  const firstBreak = line.search(LINE_BREAK);
  const lastBreak = Math.max(...['\n', '\r', '\u2028', '\u2029'].map((c) => line.lastIndexOf(c)));
  let close = -1; // the first ")" at or after the date being read
  let failedClose = -1; // a ")" not followed by a valid rest: dates that share it fail too
  for (let open = line.indexOf('('); open !== -1; open = line.indexOf('(', open + 1)) {
    const authorsEnd = trailingRunStart(line, /\s/u, open);
    if (firstBreak !== -1 && firstBreak < authorsEnd) return null; // so is every later "("
    if (authorsEnd === 0) continue;
    DATE.lastIndex = open + 1;
    const date = DATE.exec(line)?.groups;
    if (!date) continue;
    // Without a month the date closes right after it; with one, at the next ")".
    if (date.month === undefined) {
      if (line[DATE.lastIndex] !== ')') continue;
      close = DATE.lastIndex;
    } else if (close < DATE.lastIndex) {
      close = line.indexOf(')', DATE.lastIndex);
      if (close === -1) return null;
    }
    if (close === failedClose) continue;
    AFTER_DATE.lastIndex = close + 1;
    if (!AFTER_DATE.test(line) || AFTER_DATE.lastIndex === line.length || AFTER_DATE.lastIndex <= lastBreak) {
      failedClose = close;
      continue;
    }
    return { authors: line.slice(0, authorsEnd), year: date.year, month: date.month, rest: line.slice(AFTER_DATE.lastIndex) };
  }
  return null;
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
    if (m[0].startsWith('.') && isAbbreviationBefore(text, m.index, / /)) continue;
    const end = m.index + m[0].length;
    out.push([start, end]);
    start = end + (text.slice(end).match(/^\s+/)?.[0].length ?? 0);
  }
  out.push([start, text.length]);
  return out;
}

function isSource(element: string): boolean {
  return readJournal(element) !== null || readChapter(element) !== null;
}

/** Fill container/volume/issue/pages/editors from a journal or "In …" element; false if it is neither. */
function readSource(element: string, fields: ApaFields): boolean {
  const journal = readJournal(element);
  if (journal && (journal.issue || journal.pages)) {
    fields.container = journal.container.trim();
    fields.volume = journal.volume;
    fields.issue = journal.issue ?? null;
    fields.pages = journal.pages ?? null;
    return true;
  }
  const chapter = readChapter(element);
  if (chapter) {
    // `(?<!\s)`: a run of spaces is tried as a separator from its first space only, not from each of them.
    fields.editors = chapter.editors ? chapter.editors.split(/(?:(?<!\s)\s+)?,\s*(?:&\s*)?|(?<!\s)\s+&\s+|(?<!\s)\s+and\s+/).map(invertName) : [];
    fields.container = chapter.book.trim();
    fields.pages = (chapter.pages ?? chapter.bare)?.trim() ?? null;
    return true;
  }
  return false;
}

interface Journal {
  container: string;
  volume: string;
  issue: string | undefined;
  pages: string | undefined;
}

/**
 * "CTC Sentinel 16(7), 20-27.": the container is everything before the volume (the first digit) less the
 * spaces and a "," before it, and is never empty. This is the match of
 * /^(?<container>\D+?),?\s+(?<volume>\d+)(?:\s*\((?<issue>[^)]+)\))?(?:,\s*(?<pages>…))?\.$/u without its
 * rescans of the spaces.
 */
function readJournal(element: string): Journal | null {
  const digit = element.search(/\d/u);
  if (digit === -1) return null;
  const spaces = trailingRunStart(element, /\s/u, digit);
  if (spaces === digit) return null;
  // As short as `\D+?` is: it leaves a "," before the spaces to `,?`, but keeps at least one character.
  const end = spaces >= 2 && element[spaces - 1] === ',' ? spaces - 1 : Math.max(spaces, 1);
  if (end >= digit) return null;
  VOLUME.lastIndex = digit;
  const source = VOLUME.exec(element)?.groups;
  if (!source) return null;
  return { container: element.slice(0, end), volume: source.volume!, issue: source.issue, pages: source.pages };
}

interface Chapter {
  editors: string | undefined;
  book: string;
  pages: string | undefined;
  bare: string | undefined;
}

/**
 * "In A. Jadoon (Ed.), Book (pp. 10–30)." or "In Book, 6-10." — editors and pages optional. This is the match of
 * /^In\s+(?:(?<editors>[^()]+?)\s+\(Eds?\.\),\s*)?(?<book>\S.*?)(?:\s*\(pp?\.\s*(?<pages>[^)]+)\)|,\s*(?<bare>\d+\s*[-–]\s*\d+))?\.$/u
 * for an element without line breaks (elements are cut from the head's rest), found in one pass.
 */
function readChapter(element: string): Chapter | null {
  const lead = /^In\s+/u.exec(element);
  if (!lead || !element.endsWith('.')) return null;
  const body = element.slice(lead[0].length, -1);
  if (body === '') return null;

  // Editors: the names before the first "(", which must open "(Ed.), " or "(Eds.), " and be preceded by spaces.
  let editors: string | undefined;
  let bookStart = 0;
  const open = body.indexOf('(');
  EDITORS_MARK.lastIndex = open;
  if (open > 0 && EDITORS_MARK.test(body) && EDITORS_MARK.lastIndex < body.length && !body.slice(0, open).includes(')')) {
    const namesEnd = trailingRunStart(body, /\s/u, open);
    if (namesEnd < open) {
      editors = body.slice(0, namesEnd);
      bookStart = EDITORS_MARK.lastIndex;
    }
  }
  const book = body.slice(bookStart);

  // Pages: the earliest place the book's title can end and "(p. …)" or ", 6-10" run to the end.
  const inParentheses = parenthesisedPages(book);
  const comma = book.lastIndexOf(',');
  const bare = comma >= 1 ? BARE_PAGES.exec(book.slice(comma))?.groups?.bare : undefined;
  if (inParentheses && (bare === undefined || inParentheses.at < comma)) {
    return { editors, book: book.slice(0, inParentheses.at), pages: inParentheses.pages, bare: undefined };
  }
  if (bare !== undefined) return { editors, book: book.slice(0, comma), pages: undefined, bare };
  return { editors, book, pages: undefined, bare: undefined };
}

/**
 * A "(p. 7)" or "(pp. 10–30)" that ends `book` and is not its first character: where the title before it
 * ends (before the spaces) and the pages (less leading spaces, but never empty).
 */
function parenthesisedPages(book: string): { at: number; pages: string } | null {
  const close = book.length - 1;
  if (book[close] !== ')') return null;
  // The pages contain no ")", so the "(" is after the one before the last.
  for (let open = book.indexOf('(', book.lastIndexOf(')', close - 1) + 1); open !== -1 && open < close; open = book.indexOf('(', open + 1)) {
    PAGES_MARK.lastIndex = open;
    if (open === 0 || !PAGES_MARK.test(book) || PAGES_MARK.lastIndex === close) continue;
    const pages = book.slice(PAGES_MARK.lastIndex, close);
    return { at: trailingRunStart(book, /\s/u, open), pages: pages.trimStart() || pages.slice(-1) };
  }
  return null;
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
  const words = blankParenthesised(name).split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 15 || !/^\p{Lu}/u.test(words[0]!)) return false;
  return words.every((w) => w === '&' || MINOR_WORDS.has(w) || /^\p{Lu}/u.test(w));
}

/** `text` with each "(" and what follows up to the next ")" replaced by a space, as `.replace(/\([^)]*\)/g, ' ')`. */
function blankParenthesised(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('('); open !== -1; open = text.indexOf('(', from)) {
    const close = text.indexOf(')', open + 1);
    if (close === -1) break; // and no later "(" is closed either
    out += `${text.slice(from, open)} `;
    from = close + 1;
  }
  return out + text.slice(from);
}

/** Drop the element's closing period, but not an ellipsis or one that belongs to "U.S.". */
function stripPeriod(element: string): string {
  const text = element.trim();
  if (!text.endsWith('.') || text.endsWith('...')) return text;
  const body = text.slice(0, -1);
  const lastWord = body.split(/\s+/).pop() ?? '';
  return /^(?:\p{L}\.)+\p{L}$/u.test(lastWord) ? text : body;
}
