import { readFrontMatter, type FrontMatterValue } from './front-matter';
import { pairInitials, splitNames } from './names';
import { slugify, sourceId } from './source-id';
import { LINE_BREAK, withoutTrailing } from '../text/scan';
import type { Source } from './types';

/**
 * A user document (.md/.txt): optional front matter with title, authors, year, url, publisher,
 * container (also editors, volume, issue, pages, month, accessed), then the body. Authors are kept
 * as written, like the seed's references.
 */
export function parseMarkdown(text: string, file: string): Source {
  let front;
  try {
    front = readFrontMatter(text);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  const data = front?.data ?? {};
  const body = text.slice(front?.bodyStart ?? 0).trim();
  const field = (key: string): string | null => asString(data[key], key, file);

  const authors = names(data.authors ?? data.author ?? null);
  const year = readYear(field('year'), file);
  const title = field('title') || firstHeading(body) || baseName(file);
  return {
    // Without authors there is no author-date id, and the file name is what the user knows it by.
    id: authors.length > 0 ? sourceId(authors, year, title) : slugify(baseName(file)) || 'document',
    kind: 'document',
    title,
    authors,
    editors: names(data.editors ?? data.editor ?? null),
    year,
    container: field('container'),
    volume: field('volume'),
    issue: field('issue'),
    pages: field('pages'),
    publisher: field('publisher'),
    text: body,
    url: field('url'),
    month: field('month'),
    accessed: field('accessed'),
    file,
  };
}

/**
 * A list is taken item by item (stray initials re-attached). A string is split on ";" when it has one (safe for "Family, I."
 * names), otherwise on commas, "and" and "&" with initials re-attached ("Smith, J., Doe, A."). An
 * organisation whose name contains "and" must therefore be given as a list item.
 */
function names(value: FrontMatterValue): string[] {
  if (value === null) return [];
  // `[Sayed, A.]` is two YAML items; pairing treats it as the one name the writer meant.
  if (Array.isArray(value)) return pairInitials(value);
  // `(?<!\s)`: a run of spaces is tried as a separator from its first space only, not from each of them.
  const separator = value.includes(';') ? /(?:(?<!\s)\s+)?;\s*/ : /(?:(?<!\s)\s+)?,\s*(?:(?:and|&)\s+)?|(?<!\s)\s+(?:and|&)\s+/;
  return splitNames(value, separator);
}

function asString(value: FrontMatterValue | undefined, key: string, file: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value)) throw new Error(`${file}: front matter "${key}" must be a single value, not a list`);
  return value;
}

function readYear(value: string | null, file: string): number | null {
  if (value === null) return null;
  if (!/^\d{1,4}$/.test(value)) throw new Error(`${file}: front matter "year" must be a number like 2023, got "${value}"`);
  return Number(value);
}

/** The text of the first "# Heading" line, less trailing spaces and closing hashes, as /^#[ \t]+(.+?)[ \t#]*$/m reads it. */
function firstHeading(body: string): string | null {
  for (const line of body.split(LINE_BREAK)) {
    const marker = /^#[ \t]+/.exec(line);
    if (!marker) continue;
    const text = line.slice(marker[0].length);
    // The heading is never empty: with nothing else it is the first closing hash, or the last of two or more spaces.
    const heading = withoutTrailing(text, /[ \t#]/) || text.slice(0, 1) || (marker[0].length > 2 ? marker[0].slice(-1) : '');
    if (heading) return heading;
  }
  return null;
}

function baseName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '');
}
