import { LINE_BREAK, withoutTrailing } from '../text/scan';

/**
 * The flat subset of YAML front matter that user documents need: `key: scalar`, quoted strings,
 * `[a, "b, c"]` lists and `- item` lists. Anything else is an error rather than a guess, so a typo in
 * a document's metadata is reported instead of silently producing a wrong citation.
 */

export type FrontMatterValue = string | string[] | null;

export interface FrontMatter {
  data: Record<string, FrontMatterValue>;
  /** Offset in the input where the body (after the closing `---` line) begins. */
  bodyStart: number;
}

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
const KEY = /^(?<key>[A-Za-z_][\w-]*)[ \t]*:(?<gap>[ \t]*)/;
const UNCLOSED = 'front matter opened with "---" is never closed (no closing "---" line)';
const LIST_ITEM = /^[ \t]*-[ \t]+/;

/** Null when the text has no front matter; throws on a malformed block. */
export function readFrontMatter(text: string): FrontMatter | null {
  const open = text.match(OPEN);
  if (!open) return null;
  // Checked first: otherwise the body's prose is read as metadata and reported as a confusing line error.
  if (!/^(?:---|\.\.\.)[ \t]*\r?$/m.test(text.slice(open[0].length))) throw new Error(UNCLOSED);
  const data: Record<string, FrontMatterValue> = {};
  let pos = open[0].length;
  let lineNo = 1;
  let listKey: string | null = null;
  while (pos < text.length) {
    lineNo++;
    const nl = text.indexOf('\n', pos);
    const next = nl === -1 ? text.length : nl + 1;
    const line = text.slice(pos, nl === -1 ? text.length : nl).replace(/\r$/, '');
    pos = next;
    if (CLOSE.test(line)) return { data: emptyListsAsNull(data), bodyStart: pos };
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;

    const item = listItem(line);
    if (item !== null && listKey !== null) {
      (data[listKey] as string[]).push(scalar(item, lineNo));
      continue;
    }
    const kv = keyValue(line);
    if (!kv) throw new Error(`front matter line ${lineNo}: expected "key: value" or "- item", got "${line.trim()}"`);
    const key = kv.key.toLowerCase();
    if (key in data) throw new Error(`front matter line ${lineNo}: duplicate key "${key}"`);
    const raw = stripComment(kv.value ?? '');
    if (raw === '') {
      // An empty value either opens a `- item` list or is simply empty; the next lines decide.
      data[key] = [];
      listKey = key;
      continue;
    }
    listKey = null;
    data[key] = raw.startsWith('[') ? inlineList(raw, lineNo) : scalar(raw, lineNo);
  }
  throw new Error(UNCLOSED);
}

/**
 * "key: value", as /^(?<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(?<value>.*?))?[ \t]*$/ reads it: the value
 * is undefined when nothing follows the colon; null for any other line.
 */
function keyValue(line: string): { key: string; value: string | undefined } | null {
  const m = KEY.exec(line);
  if (!m) return null;
  const key = m.groups!.key!;
  const rest = line.slice(m[0].length);
  if (m.groups!.gap === '') return rest === '' ? { key, value: undefined } : null;
  const value = lineValue(rest);
  return value === null ? null : { key, value };
}

/** The value of a "- item" line, as /^[ \t]*-[ \t]+(?<value>.*?)[ \t]*$/ reads it; null for any other line. */
function listItem(line: string): string | null {
  const marker = LIST_ITEM.exec(line);
  return marker ? lineValue(line.slice(marker[0].length)) : null;
}

/** `text` less its trailing spaces and tabs; null when it has a line break, which `.*?` would not match. */
function lineValue(text: string): string | null {
  const value = withoutTrailing(text, /[ \t]/);
  return LINE_BREAK.test(value) ? null : value;
}

/** A key with neither a value nor `- item` lines is empty, not an empty list. */
function emptyListsAsNull(data: Record<string, FrontMatterValue>): Record<string, FrontMatterValue> {
  for (const [key, value] of Object.entries(data)) if (Array.isArray(value) && value.length === 0) data[key] = null;
  return data;
}

/** `[a, "b, c", 'd']` → ["a", "b, c", "d"]. */
function inlineList(raw: string, lineNo: number): string[] {
  if (!raw.endsWith(']')) throw new Error(`front matter line ${lineNo}: list "${raw}" is missing its closing "]"`);
  const inner = raw.slice(1, -1);
  const items: string[] = [];
  // A plain item runs to the next comma and starts after the spaces, so the two cannot trade characters.
  const ITEM = /\s*(?:(?<quoted>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*|(?<plain>[^\s,][^,]*)?)(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (ITEM.lastIndex < inner.length && (m = ITEM.exec(inner)) !== null) {
    if (m[0] === '') throw new Error(`front matter line ${lineNo}: cannot read list "${raw}"`);
    const item = m.groups!.quoted ?? (m.groups!.plain ?? '').trimEnd();
    if (item !== '') items.push(scalar(item, lineNo));
  }
  return items;
}

/** Unquote "…" (JSON escapes) and '…' ('' escapes); plain scalars pass through trimmed. */
function scalar(raw: string, lineNo: number): string {
  const value = raw.trim();
  if (value.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'string') return parsed;
    } catch {
      // fall through to the error below
    }
    throw new Error(`front matter line ${lineNo}: unterminated or invalid double-quoted string ${value}`);
  }
  if (value.startsWith("'")) {
    if (value.length < 2 || !value.endsWith("'")) throw new Error(`front matter line ${lineNo}: unterminated single-quoted string ${value}`);
    return value.slice(1, -1).replace(/''/g, "'");
  }
  return value;
}

/** YAML comments start at " #" outside quotes. */
function stripComment(raw: string): string {
  if (raw.startsWith('"') || raw.startsWith("'")) return raw.trim();
  const hash = raw.search(/(^|\s)#/);
  return (hash === -1 ? raw : raw.slice(0, hash)).trim();
}
