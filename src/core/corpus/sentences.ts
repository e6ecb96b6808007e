import type { Sentence } from './types';

/**
 * Sentence splitting for citation: answers quote sentences by offset, so every sentence is an exact,
 * trimmed slice of the input. When in doubt we keep text together: an over-long sentence still cites
 * correctly, a sentence cut at "U.S." does not.
 */

// Lowercased, without the final period. Words that end a sentence as often as they abbreviate
// (etc., Inc.) are deliberately left out so "…, etc. The next" still splits.
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm',
  'gov', 'sen', 'rep', 'pres', 'amb', 'rev', 'hon',
  'no', 'nos', 'vol', 'vols', 'pp', 'ed', 'eds', 'ch', 'sec', 'fig', 'figs', 'art', 'para', 'op', 'cit', 'ibid',
  'vs', 'cf', 'al', 'approx', 'ca', 'esp', 'dept', 'univ', 'assn', 'intl', 'est',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * True when `token` (the word just before a period, without that period) is an abbreviation or an
 * initial, so the period does not end a sentence or a reference element. Shared with reference parsing.
 */
export function isAbbreviation(token: string): boolean {
  const word = token.replace(/^[("“‘'[]+/u, '');
  if (/^\p{L}$/u.test(word)) return true; // initials: "A. Jadoon", "T. R.", "v. 6"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // dotted forms: U.S, e.g, i.e, a.m
  return ABBREVIATIONS.has(word.toLowerCase());
}

// The characters an abbreviation's token can have: letters (astral ones as surrogate halves), periods, opening brackets.
const ABBREVIATION_CHAR = /[\p{L}.("“‘'[\uD800-\uDFFF]/u;

/**
 * isAbbreviation() of the word that ends at `at` and starts after the last character matching `boundary`
 * (a one-character pattern). The scan back gives up at a character no abbreviation has, so testing every
 * period of a long text stays linear.
 */
export function isAbbreviationBefore(text: string, at: number, boundary: RegExp): boolean {
  let start = at;
  for (; start > 0 && !boundary.test(text[start - 1]!); start--) {
    if (!ABBREVIATION_CHAR.test(text[start - 1]!)) return false;
  }
  return isAbbreviation(text.slice(start, at));
}

/** Split `text` into sentences with offsets such that `text.slice(offset, offset + s.text.length) === s.text`. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const [start, end] of blocks(text)) {
    let from = start;
    for (const cut of sentenceEnds(text, start, end)) {
      push(sentences, text, from, cut);
      from = cut;
    }
    push(sentences, text, from, end);
  }
  return sentences;
}

/**
 * Hard breaks that need no punctuation: blank lines, markdown headings (their own block) and list or
 * quote items. Single newlines are not breaks because prose is often hard-wrapped.
 */
function* blocks(text: string): Generator<[number, number]> {
  const BLOCK_START = /^[ \t]*(?:[-*+•][ \t]|\d{1,3}[.)][ \t]|>)/;
  const HEADING = /^[ \t]*#{1,6}(?:[ \t]|$)/;
  let blockStart = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === '') {
      if (blockStart !== -1) yield [blockStart, lineStart];
      blockStart = -1;
    } else if (HEADING.test(line)) {
      if (blockStart !== -1) yield [blockStart, lineStart];
      yield [lineStart, lineEnd];
      blockStart = -1;
    } else if (BLOCK_START.test(line)) {
      if (blockStart !== -1) yield [blockStart, lineStart];
      blockStart = lineStart;
    } else if (blockStart === -1) {
      blockStart = lineStart;
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  if (blockStart !== -1) yield [blockStart, text.length];
}

/** Positions (just after the terminal punctuation and any closing quotes) where a sentence ends. */
function* sentenceEnds(text: string, start: number, end: number): Generator<number> {
  // `(?<![.?!…])`: a run of punctuation is tried from its first character only, not from each of them.
  const TERMINAL = /(?<![.?!…])[.?!…]+["'”’)\]]*(?=\s)/gu;
  const block = text.slice(start, end);
  for (const m of block.matchAll(TERMINAL)) {
    const at = start + m.index;
    const after = at + m[0].length;
    const next = block.slice(after - start).match(/^\s*(\S)/u)?.[1];
    if (next === undefined) continue; // block end closes the sentence anyway
    // A lowercase continuation means the period was not a full stop ("January 3. the", "e.g. this").
    if (/\p{Ll}/u.test(next)) continue;
    // Only a short period run can follow an abbreviation; "..." is an ellipsis and may end a sentence.
    if (/^\.{1,2}(?!\.)/.test(m[0]) && isAbbreviationBefore(text, at, /[ \n\t]/)) continue;
    yield after;
  }
}

function push(out: Sentence[], text: string, from: number, to: number): void {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed) out.push({ text: trimmed, offset: from + lead });
}
