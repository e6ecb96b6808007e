import type { Briefing } from '../../../core/brief/types';
import { outletKind } from '../../../core/brief/outlet-kind';
import type { GlossaryEntry, Source } from '../../../core/corpus/types';
import type { ChartWork } from './chart';

/** What the page knows about the corpus beyond the briefing: its records and its glossary. */
export interface Catalogue {
  sourceById: ReadonlyMap<string, Source>;
  glossary: readonly GlossaryEntry[];
}

/**
 * The works the figure counts: every source the briefing cites and every source in its Read next,
 * once each by source id, in order of first mention. A source the index no longer holds is read
 * from its citation (which has no volume or issue); a Read next source known from neither is left out.
 */
export function briefingWorks(briefing: Briefing, { sourceById, glossary }: Catalogue): ChartWork[] {
  const works = new Map<string, ChartWork>();
  const add = (sourceId: string, fallback?: Briefing['citations'][number]) => {
    if (works.has(sourceId)) return;
    const record = sourceById.get(sourceId) ?? (fallback && { ...fallback, volume: null, issue: null, pages: null });
    if (record) works.set(sourceId, { sourceId, year: record.year, kind: outletKind(record, glossary) });
  };
  for (const citation of briefing.citations) add(citation.sourceId, citation);
  for (const { sourceId } of briefing.readNext) add(sourceId);
  return [...works.values()];
}
