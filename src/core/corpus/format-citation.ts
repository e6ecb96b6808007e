import { nameParts } from './names';
import { trailingRunStart } from '../text/scan';
import type { Source } from './types';

export type CitationFormat = 'apa' | 'bibtex' | 'ris' | 'csl';

/**
 * Render a source for the user's reference manager. Only the record's fields are used, never its
 * `text`, so every source (seed reference, CSL import, user document) formats the same way.
 * An abstract is cited as the paper it belongs to.
 */
export function formatCitation(source: Source, format: CitationFormat): string {
  switch (format) {
    case 'apa':
      return apa(source);
    case 'bibtex':
      return bibtex(source);
    case 'ris':
      return ris(source);
    case 'csl':
      return JSON.stringify(cslItem(source), null, 2);
  }
}

/** Journal article (has a volume), chapter (in a book: editors or pages), or anything else. */
type WorkType = 'article' | 'chapter' | 'other';

function workType(s: Source): WorkType {
  if (s.container && s.volume) return 'article';
  if (s.container && (s.editors.length > 0 || s.pages)) return 'chapter';
  return 'other';
}

function workTitle(s: Source): string {
  return s.kind === 'abstract' ? s.title.replace(/^Abstract:\s*/, '') : s.title;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "June", "Jun" or "6" → 6; null when it names no month. */
function monthNumber(month: string | null | undefined): number | null {
  if (!month) return null;
  if (/^\d{1,2}$/.test(month.trim())) return Number(month) >= 1 && Number(month) <= 12 ? Number(month) : null;
  const i = MONTHS.findIndex((m) => m.toLowerCase().startsWith(month.toLowerCase().slice(0, 3)));
  return i === -1 ? null : i + 1;
}

/** The year and, when known, the month the work was published: [2024, 6] or [2023]. */
function issuedParts(s: Source): number[] | null {
  if (s.year === null) return null;
  const month = monthNumber(s.month);
  return month ? [s.year, month] : [s.year];
}

/** "26 July 2024", "July 26, 2024" or "2024-07-26" → [2024, 7, 26]; null when unreadable. */
function dateParts(date: string | null | undefined): number[] | null {
  const text = date?.trim() ?? '';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dayFirst = /^(\d{1,2})\s+(\p{L}+)\s+(\d{4})$/u.exec(text);
  const monthFirst = /^(\p{L}+)\s+(\d{1,2}),?\s+(\d{4})$/u.exec(text);
  const [year, month, day] = iso
    ? [Number(iso[1]), monthNumber(iso[2]), Number(iso[3])]
    : dayFirst
      ? [Number(dayFirst[3]), monthNumber(dayFirst[2]), Number(dayFirst[1])]
      : monthFirst
        ? [Number(monthFirst[3]), monthNumber(monthFirst[1]), Number(monthFirst[2])]
        : [0, null, 0];
  return month && day >= 1 && day <= 31 ? [year, month, day] : null;
}

/** First and last page: the first two parts of `pages` split at each run of dashes and the spaces around it. */
function pageRange(pages: string | null): [string, string | null] | null {
  if (!pages) return null;
  const dash = dashSeparator(pages);
  if (!dash) return [pages, null];
  const next = dashSeparator(pages, dash[1]);
  return [pages.slice(0, dash[0]), pages.slice(dash[1], next?.[0])];
}

/**
 * [start, end) of the first run of dashes at or after `from`, with the spaces around it: where a regex of
 * spaces, dashes, spaces would next match, without rescanning spaces that no dash follows.
 */
function dashSeparator(text: string, from = 0): [number, number] | null {
  const dash = /[-–—]+\s*/g;
  dash.lastIndex = from;
  const m = dash.exec(text);
  return m ? [Math.max(from, trailingRunStart(text, /\s/, m.index)), m.index + m[0].length] : null;
}

// ---------- APA 7 ----------

function apa(s: Source): string {
  const title = workTitle(s);
  const date = `(${s.year ?? 'n.d.'}).`;
  // With no author, APA moves the title into the author position.
  const parts = s.authors.length > 0 ? [endWithPeriod(apaAuthorList(s.authors)), date, endWithPeriod(title)] : [endWithPeriod(title), date];
  const type = workType(s);
  if (type === 'article') {
    const issue = s.issue ? `(${apaRange(s.issue)})` : '';
    parts.push(`${s.container}, ${apaRange(s.volume!)}${issue}${s.pages ? `, ${apaRange(s.pages)}` : ''}.`);
  } else if (type === 'chapter') {
    const editors = s.editors.length > 0 ? `${joinApa(s.editors.map(givenFirst))} (${s.editors.length > 1 ? 'Eds.' : 'Ed.'}), ` : '';
    const range = pageRange(s.pages);
    const pages = range ? ` (${range[1] ? 'pp.' : 'p.'} ${apaRange(s.pages!)})` : '';
    parts.push(`In ${editors}${s.container}${pages}.`);
  } else if (s.container) {
    parts.push(endWithPeriod(s.container));
  }
  // APA omits the publisher when it is the author.
  const publisher = s.publisher?.toLowerCase();
  if (s.publisher && type !== 'article' && !s.authors.some((a) => a.toLowerCase() === publisher)) parts.push(endWithPeriod(s.publisher));
  const text = typographicQuotes(parts.join(' '));
  return s.url ? `${text} ${s.url}` : text;
}

/** APA's ranges ("20-27", "10 – 30", "7--8") with an en dash and no spaces: "20–27". */
function apaRange(text: string): string {
  let out = '';
  let from = 0;
  for (let dash = dashSeparator(text); dash; dash = dashSeparator(text, from)) {
    out += `${text.slice(from, dash[0])}–`;
    from = dash[1];
  }
  return out + text.slice(from);
}

/** Typewriter quotes set as typeset APA has them: "Pakistan's" → "Pakistan’s", 'x' → ‘x’, "x" → “x”. */
function typographicQuotes(text: string): string {
  // A quote at the start or after a space or opening bracket opens; any other closes (or is an apostrophe).
  return text.replace(/(?<=^|[\s([{])'/g, '‘').replace(/'/g, '’').replace(/(?<=^|[\s([{])"/g, '“').replace(/"/g, '”');
}

/** APA 7: up to 20 authors, "&" before the last; beyond that the first 19, an ellipsis, and the last. */
function apaAuthorList(authors: readonly string[]): string {
  if (authors.length > 20) return `${authors.slice(0, 19).join(', ')}, . . . ${authors[authors.length - 1]}`;
  return authors.length === 1 ? authors[0]! : `${authors.slice(0, -1).join(', ')}, & ${authors[authors.length - 1]}`;
}

function joinApa(names: readonly string[]): string {
  return names.length <= 2 ? names.join(' & ') : `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
}

/** Editors are written given-name first in the "In …" element: "Jadoon, A." → "A. Jadoon". */
function givenFirst(name: string): string {
  const parts = nameParts(name);
  return 'literal' in parts ? parts.literal : `${parts.given} ${parts.family}`;
}

function endWithPeriod(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

// ---------- BibTeX ----------

const BIBTEX_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function bibtex(s: Source): string {
  const type = workType(s);
  const entryType = type === 'article' ? 'article' : type === 'chapter' ? 'incollection' : 'misc';
  const month = monthNumber(s.month);
  const fields: [string, string | null][] = [
    ['author', bibNames(s.authors)],
    ['editor', bibNames(s.editors)],
    // Double braces keep the title's capitalisation ("ISIS", "Khorasan") from being lowercased.
    ['title', `{${bibEscape(workTitle(s))}}`],
    [type === 'article' ? 'journal' : 'booktitle', type === 'other' || !s.container ? null : bibEscape(s.container)],
    ['year', s.year === null ? null : String(s.year)],
    ['volume', s.volume && bibEscape(s.volume)],
    ['number', s.issue && bibEscape(s.issue)],
    ['pages', s.pages && bibPages(bibEscape(s.pages))],
    ['publisher', type === 'other' ? null : s.publisher && bibEscape(s.publisher)],
    ['howpublished', type === 'other' ? [s.container, s.publisher].filter(Boolean).map((v) => bibEscape(v!)).join(', ') || null : null],
    ['url', s.url ?? null],
    ['note', s.accessed ? `Accessed ${bibEscape(s.accessed)}` : null],
  ];
  const body = fields.filter(([, v]) => v).map(([k, v]) => `  ${k} = {${v}}`);
  // Month is a BibTeX macro (jun), written without braces so styles can localise it.
  if (month) body.splice(body.findIndex((f) => f.startsWith('  year')) + 1, 0, `  month = ${BIBTEX_MONTHS[month - 1]}`);
  return `@${entryType}{${s.id},\n${body.join(',\n')}\n}`;
}

/** "10 – 30" → "10--30": the first dash, with the spaces around it, becomes BibTeX's en dash. */
function bibPages(pages: string): string {
  const dash = dashSeparator(pages);
  return dash ? `${pages.slice(0, dash[0])}--${pages.slice(dash[1])}` : pages;
}

/** People as "Family, I."; organisations braced so BibTeX does not split "Al Jazeera" into names. */
function bibNames(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  return names.map((n) => ('literal' in nameParts(n) ? `{${bibEscape(n)}}` : bibEscape(n))).join(' and ');
}

function bibEscape(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (c) => BIB_ESCAPES[c]!);
}

const BIB_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

// ---------- RIS ----------

// Tags and dates follow the 2011 RIS specification (the per-type tag table of Thomson Reuters'
// "RIS Format Specifications", which EndNote, Zotero and citation-js read): PY is the year alone, DA
// the date published and Y2 the date accessed, both in the YYYY/MM/DD/other-info form the 2001
// specification gives every date, each slash kept when a part is unknown ("2024/06//", "2023///").
// PY is not written in that form ("2024/06//"), as the 2001 one allowed: 2011 readers take it for the
// year, and citation-js reads a chapter's "2018///" as no date at all.
function ris(s: Source): string {
  const type = workType(s);
  const lines: [string, string | null][] = [['TY', type === 'article' ? 'JOUR' : type === 'chapter' ? 'CHAP' : s.kind === 'document' ? 'GEN' : 'ELEC']];
  for (const a of s.authors) lines.push(['AU', a]);
  for (const e of s.editors) lines.push(['A2', e]);
  const issued = issuedParts(s);
  lines.push(['PY', issued && risYear(issued[0]!)], ['DA', issued && risDate(issued)], ['TI', workTitle(s)], ['T2', s.container]);
  lines.push(['VL', s.volume], ['IS', s.issue]);
  const range = pageRange(s.pages);
  lines.push(['SP', range?.[0] ?? null], ['EP', range?.[1] ?? null], ['PB', s.publisher], ['UR', s.url ?? null]);
  const accessed = dateParts(s.accessed);
  // A date the spec's form cannot hold is kept as a note rather than lost.
  lines.push(['Y2', accessed && risDate(accessed)], ['N1', s.accessed && !accessed ? `Accessed ${s.accessed}` : null]);
  // RIS tags are two letters, two spaces, a hyphen and a space; ER closes the record.
  return [...lines.filter(([, v]) => v).map(([k, v]) => `${k}  - ${v}`), 'ER  - '].join('\n');
}

/** [2024, 6] → "2024/06//"; [2024, 7, 26] → "2024/07/26/". */
function risDate([year, month, day]: readonly number[]): string {
  const two = (n: number | undefined) => (n === undefined ? '' : String(n).padStart(2, '0'));
  return `${risYear(year!)}/${two(month)}/${two(day)}/`;
}

function risYear(year: number): string {
  return String(year).padStart(4, '0');
}

// ---------- CSL-JSON ----------

type CslName = { family: string; given: string } | { literal: string };

interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  'container-title'?: string;
  volume?: string;
  issue?: string;
  page?: string;
  publisher?: string;
  URL?: string;
}

function cslItem(s: Source): CslItem {
  const type = workType(s);
  const item: CslItem = {
    id: s.id,
    type: type === 'article' ? 'article-journal' : type === 'chapter' ? 'chapter' : s.kind === 'document' ? 'document' : 'webpage',
    title: workTitle(s),
  };
  if (s.authors.length > 0) item.author = s.authors.map(nameParts);
  if (s.editors.length > 0) item.editor = s.editors.map(nameParts);
  const issued = issuedParts(s);
  if (issued) item.issued = { 'date-parts': [issued] };
  const accessed = dateParts(s.accessed);
  if (accessed) item.accessed = { 'date-parts': [accessed] };
  if (s.container) item['container-title'] = s.container;
  if (s.volume) item.volume = s.volume;
  if (s.issue) item.issue = s.issue;
  if (s.pages) item.page = s.pages;
  if (s.publisher) item.publisher = s.publisher;
  if (s.url) item.URL = s.url;
  return item;
}
