import { escapeHtml } from '../../html';

// Shared with the source pages, so it lives outside channels/; re-exported for this channel's modules.
export { escapeHtml };

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
