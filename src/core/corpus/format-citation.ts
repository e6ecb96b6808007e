import { nameParts } from './names';
import { trailingRunStart } from '../text/scan';
import type { Source } from './types';

/**
 * Render a source for the user's reference manager. Only the record's fields are used, never its
 * `text`, so every source (seed reference, CSL import, user document) formats the same way.
 * An abstract is cited as the paper it belongs to.
 */
export type CitationFormat = 'apa' | 'bibtex' | 'ris' | 'csl';

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

function monthNumber(month: string | null | undefined): number | null {
  if (!month) return null;
  const i = MONTHS.findIndex((m) => m.toLowerCase().startsWith(month.toLowerCase().slice(0, 3)));
  return i === -1 ? null : i + 1;
}

/** "26 July 2024" → [2024, 7, 26]; null when unreadable. */
function dateParts(date: string | null | undefined): number[] | null {
  const m = date?.match(/^(\d{1,2})\s+(\p{L}+)\s+(\d{4})$/u);
  const month = m ? monthNumber(m[2]) : null;
  return m && month ? [Number(m[3]), month, Number(m[1])] : null;
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
    const issue = s.issue ? `(${s.issue})` : '';
    parts.push(`${s.container}, ${s.volume}${issue}${s.pages ? `, ${s.pages}` : ''}.`);
  } else if (type === 'chapter') {
    const editors = s.editors.length > 0 ? `${joinApa(s.editors.map(givenFirst))} (${s.editors.length > 1 ? 'Eds.' : 'Ed.'}), ` : '';
    const range = pageRange(s.pages);
    const pages = range ? ` (${range[1] ? 'pp.' : 'p.'} ${s.pages})` : '';
    parts.push(`In ${editors}${s.container}${pages}.`);
  } else if (s.container) {
    parts.push(endWithPeriod(s.container));
  }
  // APA omits the publisher when it is the author.
  const publisher = s.publisher?.toLowerCase();
  if (s.publisher && type !== 'article' && !s.authors.some((a) => a.toLowerCase() === publisher)) parts.push(endWithPeriod(s.publisher));
  if (s.url) parts.push(s.url);
  return parts.join(' ');
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

function ris(s: Source): string {
  const type = workType(s);
  const lines: [string, string | null][] = [['TY', type === 'article' ? 'JOUR' : type === 'chapter' ? 'CHAP' : s.kind === 'document' ? 'GEN' : 'ELEC']];
  for (const a of s.authors) lines.push(['AU', a]);
  for (const e of s.editors) lines.push(['A2', e]);
  lines.push(['PY', s.year === null ? null : String(s.year)], ['TI', workTitle(s)], ['T2', s.container]);
  lines.push(['VL', s.volume], ['IS', s.issue]);
  const range = pageRange(s.pages);
  lines.push(['SP', range?.[0] ?? null], ['EP', range?.[1] ?? null], ['PB', s.publisher], ['UR', s.url ?? null]);
  if (s.accessed) lines.push(['Y2', s.accessed]);
  // RIS tags are two letters, two spaces, a hyphen and a space; ER closes the record.
  return [...lines.filter(([, v]) => v).map(([k, v]) => `${k}  - ${v}`), 'ER  - '].join('\n');
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
  if (s.year !== null) {
    const month = monthNumber(s.month);
    item.issued = { 'date-parts': [month ? [s.year, month] : [s.year]] };
  }
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
