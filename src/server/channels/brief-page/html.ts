/** Text from the corpus, the model or the query string, made safe for HTML text and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A line of briefing text, escaped, with each `[n]` marker that names one of `sources` as a link to
 * its entry (`#source-n`). A marker naming no source stays as escaped text: a link to nowhere helps nobody.
 */
export function textWithMarkers(text: string, sources: ReadonlySet<number>): string {
  // split() with a capture group alternates text, number, text, number, ..., text.
  return text
    .split(/\[(\d{1,3})\]/)
    .map((part, i) => {
      if (i % 2 === 0) return escapeHtml(part);
      const n = Number(part);
      return sources.has(n) ? `<a class="cite" href="#source-${n}" aria-label="Source ${n}">[${n}]</a>` : `[${part}]`;
    })
    .join('');
}
