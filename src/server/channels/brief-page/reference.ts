import type { Citation } from '../../../core/answer/types';
import { authorYear } from '../../../core/answer/citations';
import { formatCitation } from '../../../core/corpus/format-citation';
import type { Source } from '../../../core/corpus/types';

/**
 * A work as one line of plain text (not yet escaped): its APA reference from the index, or, for a
 * source the index no longer holds, the fields its citation carries; its id when nothing is known.
 */
export function referenceText(sourceId: string, sourceById: ReadonlyMap<string, Source>, citation?: Citation): string {
  const source = sourceById.get(sourceId);
  if (source) return formatCitation(source, 'apa');
  if (!citation) return sourceId;
  const authors = citation.authors.length ? `${citation.authors.join(', ')} ` : '';
  const outlet = [citation.container, citation.publisher].filter(Boolean).map((part) => ` ${part}.`).join('');
  return `${authors}${yearOf(citation)}. ${citation.title}.${outlet}`;
}

/** Who and when ("Palmer & Holtz (2023)") and the title, in plain text, for a line that says more about the work itself. */
export function workName(sourceId: string, sourceById: ReadonlyMap<string, Source>, citation?: Citation): { who: string; title: string } {
  const source = sourceById.get(sourceId);
  if (source) return { who: authorYear(source), title: source.title };
  if (!citation) return { who: sourceId, title: '' };
  return { who: `${citation.authors[0]?.split(',')[0] ?? citation.publisher ?? 'Unknown'} ${yearOf(citation)}`, title: citation.title };
}

const yearOf = (c: Citation) => (c.year === null ? '(n.d.)' : `(${c.year})`);
