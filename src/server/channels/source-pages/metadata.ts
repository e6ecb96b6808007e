import type { Source, SourceKind } from '../../../core/corpus/types';
import { escapeHtml } from '../../html';

/** What each kind of source is, as the page's eyebrow and its Kind field say it. */
export const KIND_LABELS: Readonly<Record<SourceKind, string>> = {
  paper: 'The paper',
  abstract: 'The paper’s abstract',
  reference: 'A work the paper cites',
  document: 'An added document',
};

/**
 * The record's fields as a description list, each field the record has (title, authors, editors,
 * year, container, volume, issue, pages, publisher, section, URL, date accessed, kind, id). A URL is
 * a link only when it is http(s): a corpus file may hold anything.
 */
export function metadataHtml(source: Source): string {
  const fields: [string, string | null][] = [
    ['Title', escapeHtml(source.title)],
    [source.authors.length === 1 ? 'Author' : 'Authors', list(source.authors)],
    [source.editors.length === 1 ? 'Editor' : 'Editors', list(source.editors)],
    ['Year', source.year === null ? null : escapeHtml(source.month ? `${source.month} ${source.year}` : String(source.year))],
    ['Published in', source.container && `<cite>${escapeHtml(source.container)}</cite>`],
    ['Volume', source.volume && escapeHtml(source.volume)],
    ['Issue', source.issue && escapeHtml(source.issue)],
    ['Pages', source.pages && escapeHtml(source.pages)],
    ['Publisher', source.publisher && escapeHtml(source.publisher)],
    ['Section', source.section ? escapeHtml(source.section) : null],
    ['URL', source.url ? urlHtml(source.url) : null],
    ['Accessed', source.accessed ? escapeHtml(source.accessed) : null],
    ['Kind', escapeHtml(KIND_LABELS[source.kind])],
    ['Id', `<code>${escapeHtml(source.id)}</code>`],
  ];
  const rows = fields.filter(([, value]) => value).map(([name, value]) => `<div><dt>${name}</dt><dd>${value}</dd></div>`);
  return `<dl class="fields">\n${rows.join('\n')}\n</dl>`;
}

function list(names: readonly string[]): string | null {
  return names.length ? names.map(escapeHtml).join('; ') : null;
}

function urlHtml(url: string): string {
  const text = escapeHtml(url);
  return /^https?:\/\//i.test(url) ? `<a href="${text}" rel="noopener noreferrer">${text}</a>` : text;
}

/** "Palmer, A.; Holtz, B. (2023)": who and when, plain text, for a line under a title. */
export function byline(source: Source): string {
  const who = source.authors.length ? source.authors.join('; ') : source.publisher ?? '';
  const when = `(${source.year ?? 'n.d.'})`;
  return who ? `${who} ${when}` : when;
}
