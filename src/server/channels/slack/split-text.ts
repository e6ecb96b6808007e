/**
 * Escaped mrkdwn cut to Slack's field limits without losing a word of it: between lines first,
 * then between sentences, then between words, and only for one word longer than a whole field
 * anywhere else (never inside an entity such as `&amp;` or an emoji's surrogate pair).
 */

// A sentence ends at . ? ! or … (then any closing quotes or brackets) before whitespace.
const SENTENCE_END = /[.?!…]["'”’)\]]*(?=\s)/g;
// "Tassev, I. V." and "et al." end in a full stop but not a sentence: an initial, or a next word in lower case.
const INITIAL_BEFORE = /(?:^|[\s(])\p{Lu}$/u;
const LOWER_NEXT = /^\s+\p{Ll}/u;

/**
 * `text` in pieces of at most `max` characters, each cut between sentences where one fits, else
 * between words; the pieces, joined by single spaces, are the text with its whitespace evened out.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences(text)) {
    if (sentence.length > max) {
      if (current) pieces.push(current);
      const words = splitWords(sentence, max);
      current = words.pop() ?? '';
      pieces.push(...words);
    } else if (current && current.length + 1 + sentence.length > max) {
      pieces.push(current);
      current = sentence;
    } else {
      current = current ? `${current} ${sentence}` : sentence;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * Lines joined by newlines into as few chunks of at most `max` characters as fit; a line longer
 * than `max` is split by `splitText` and its pieces start new chunks, so no chunk ends mid-sentence.
 */
export function packLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    for (const piece of line.length > max ? splitText(line, max) : [line]) {
      if (current && current.length + 1 + piece.length > max) {
        chunks.push(current);
        current = '';
      }
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/**
 * `text` in pieces of at most `max` characters that join back into exactly `text` (streamed Markdown
 * keeps its line breaks): each cut after the last line break that fits, else the last whitespace,
 * else where it splits no entity and no surrogate pair.
 */
export function cutLossless(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const newline = window.lastIndexOf('\n');
    const space = lastSpace(rest, max - 1);
    const cut = newline > 0 ? newline + 1 : space > 0 ? space + 1 : safeCut(rest, max);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The text's sentences, trimmed, in order; everything between them is whitespace. */
function sentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    const before = text.slice(Math.max(start, match.index - 2), match.index);
    if (match[0].startsWith('.') && INITIAL_BEFORE.test(before)) continue;
    if (LOWER_NEXT.test(text.slice(end, end + 40))) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence) out.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** One overlong sentence cut at the last whitespace that fits; a word longer than `max` is cut where it must. */
function splitWords(sentence: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > max) {
    const space = lastSpace(rest, max);
    const cut = space > 0 ? space : safeCut(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The index of the last whitespace at or before `max` (so the piece before it fits), or -1. */
function lastSpace(text: string, max: number): number {
  for (let i = Math.min(max, text.length - 1); i > 0; i--) if (/\s/.test(text[i]!)) return i;
  return -1;
}

/** `max`, moved back so the cut leaves no half entity (`&am`) or half surrogate pair behind. */
function safeCut(text: string, max: number): number {
  let cut = max;
  const entity = /&[a-z]{0,4}$/.exec(text.slice(Math.max(0, cut - 5), cut));
  if (entity && cut - entity[0].length > 0) cut -= entity[0].length;
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut -= 1;
  return cut;
}
