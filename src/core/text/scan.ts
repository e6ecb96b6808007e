// String scans whose obvious regexes (`/[.\s]+$/`, `/\s*\[\d+\]/g`) are retried from every
// position of a long run and so take quadratic time (the ReDoS screen in eslint.config.js).
// Import-free: the widget client bundles it too.

/** The characters `.` does not match: a value read with `.*` in a pattern must not contain them. */
export const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** Where the run of characters matching `char` (a one-character class) that ends at `end` begins: `/char+$/` in one backward pass. */
export function trailingRunStart(text: string, char: RegExp, end = text.length): number {
  let start = end;
  while (start > 0 && char.test(text[start - 1]!)) start--;
  return start;
}

/** `text` without the run of `char` that ends it: `text.replace(/char+$/, '')`. */
export const withoutTrailing = (text: string, char: RegExp): string => text.slice(0, trailingRunStart(text, char));

/**
 * `text` without the matches of global `pattern`, each with the whitespace before it:
 * `text.replace(/\s*pattern/g, '')` for a pattern that starts with a non-space character.
 */
export function removeWithSpaceBefore(text: string, pattern: RegExp): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(pattern)) {
    out += text.slice(from, m.index).trimEnd();
    from = m.index + m[0].length;
  }
  return out + text.slice(from);
}
