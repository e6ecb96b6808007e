/** The longest `?q=` read: a quote is a sentence or a reference entry, and anything longer is cut here. */
export const QUOTE_CHARS = 2000;

/** `[start, end)` in a source's text. */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * The quote a `?q=` asks to highlight: its first `QUOTE_CHARS` characters, lone surrogates (which
 * no source text holds and no encoder can write) replaced, trimmed; null when nothing is left.
 */
export function readQuote(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const quote = raw.slice(0, QUOTE_CHARS).replace(LONE_SURROGATE, '\uFFFD').trim();
  return quote || null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Where `quote` first stands in `text`, word for word, or null. Runs of whitespace match any other
 * run, typographic quotes and dashes match their plain forms and invisible characters (soft hyphens,
 * zero-width spaces) are skipped, so a quote copied through a browser or a chat still finds its passage.
 */
export function findQuote(text: string, quote: string): TextRange | null {
  const needle = fold(quote).folded.trim();
  if (!needle) return null;
  const { folded, at } = fold(text);
  const found = folded.indexOf(needle);
  if (found === -1) return null;
  return { start: at[found]!, end: at[found + needle.length - 1]! + 1 };
}

/** `text` with each character folded to its plain form, and for each folded character its index in `text`. */
function fold(text: string): { folded: string; at: number[] } {
  const chars: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (INVISIBLE.has(ch)) continue;
    if (WHITESPACE.test(ch)) {
      // Any run of whitespace matches any other: a run folds to one space.
      if (chars.at(-1) === ' ') continue;
      chars.push(' ');
    } else {
      chars.push(PLAIN[ch] ?? ch);
    }
    at.push(i);
  }
  return { folded: chars.join(''), at };
}

const WHITESPACE = /\s/;
const INVISIBLE = new Set(['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF']);
const PLAIN: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u02BC': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
};
