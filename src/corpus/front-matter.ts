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
const KEY_VALUE = /^(?<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(?<value>.*?))?[ \t]*$/;
const UNCLOSED = 'front matter opened with "---" is never closed (no closing "---" line)';
const LIST_ITEM = /^[ \t]*-[ \t]+(?<value>.*?)[ \t]*$/;

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

    const item = line.match(LIST_ITEM)?.groups;
    if (item && listKey !== null) {
      (data[listKey] as string[]).push(scalar(item.value!, lineNo));
      continue;
    }
    const kv = line.match(KEY_VALUE)?.groups;
    if (!kv) throw new Error(`front matter line ${lineNo}: expected "key: value" or "- item", got "${line.trim()}"`);
    const key = kv.key!.toLowerCase();
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
  const ITEM = /\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,]*?)\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (ITEM.lastIndex < inner.length && (m = ITEM.exec(inner)) !== null) {
    if (m[0] === '') throw new Error(`front matter line ${lineNo}: cannot read list "${raw}"`);
    if (m[1] !== '') items.push(scalar(m[1]!, lineNo));
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
