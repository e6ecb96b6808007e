import { familyName } from '../corpus/names';
import type { Source } from '../corpus/types';
import { withoutTrailing } from '../text/scan';
import type { Citation } from './types';

/**
 * Numbers citations in order of first use, as the answer text is written, so every `[n]` has a
 * citation and every citation a marker. The same quote from the same source keeps its number.
 */
export function createCitationList() {
  const citations: Citation[] = [];
  return {
    cite(source: Source, quote: string): string {
      if (!source.text.includes(quote)) throw new Error(`quote is not verbatim in ${source.id}`);
      let found = citations.find((c) => c.sourceId === source.id && c.quote === quote);
      if (!found) {
        found = {
          n: citations.length + 1,
          sourceId: source.id,
          kind: source.kind,
          title: source.title,
          authors: source.authors,
          year: source.year,
          container: source.container,
          publisher: source.publisher,
          quote,
          url: sourcePageUrl(source.id, quote),
        };
        citations.push(found);
      }
      return `[${found.n}]`;
    },
    list: (): Citation[] => citations,
  };
}

export type CitationList = ReturnType<typeof createCitationList>;

/** The path of a source's page with a quote highlighted and scrolled to: `/sources/hamming-2023?q=…#quote`. */
export const sourcePageUrl = (sourceId: string, quote: string) => `/sources/${encodeURIComponent(sourceId)}?q=${encodeURIComponent(quote)}#quote`;

/** "Tassev (2024)", "Alkhouri & Webber (2022)", "Jadoon et al. (2023)", "Al Jazeera (2018)". */
export function authorYear(source: Source): string {
  const names = source.authors.map(familyName);
  const who = names.length === 0 ? source.publisher ?? source.title : names.length === 1 ? names[0] : names.length === 2 ? `${names[0]} & ${names[1]}` : `${names[0]} et al.`;
  return source.year === null ? `${who} (n.d.)` : `${who} (${source.year})`;
}

/** The reference's title as it stands in its entry (a verbatim quote), or the whole entry. */
export function titleQuote(source: Source): string {
  return source.text.includes(source.title) ? source.title : source.text;
}

/** “Title” in typographic quotes, without a trailing full stop (the sentence supplies its own). */
export const quoted = (title: string) => `“${withoutTrailing(title, /[.\s]/)}”`;
