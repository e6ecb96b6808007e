import type { Citation } from '../../../../core/answer/types';

/** How a source is named in running text: `Tassev (2024)`, `Doxsee & Thompson (2021)`, `Jadoon et al. (2023)`. */
export function shortName(c: Pick<Citation, 'authors' | 'year'>): string {
  const surnames = c.authors.map((a) => a.split(',')[0]!.trim()).filter(Boolean);
  const who = surnames.length > 2 ? `${surnames[0]} et al.` : surnames.join(' & ') || 'Unknown author';
  return `${who} (${c.year ?? 'n.d.'})`;
}

/** Authors as a reference list writes them: `Jadoon, A., Mines, A., & Sayed, A.` */
export function authorList(authors: readonly string[]): string {
  if (authors.length < 2) return authors[0] ?? '';
  return `${authors.slice(0, -1).join(', ')}, & ${authors[authors.length - 1]}`;
}

export const KIND_LABEL: Record<Citation['kind'], string> = {
  paper: 'The paper',
  abstract: 'The paper’s abstract',
  reference: 'Cited by the paper',
  document: 'Document',
};

/** One row per source, in order of first citation, with every marker that points to it. */
export function groupBySource(citations: readonly Citation[]): { first: Citation; numbers: number[] }[] {
  const groups = new Map<string, { first: Citation; numbers: number[] }>();
  for (const c of [...citations].sort((a, b) => a.n - b.n)) {
    const group = groups.get(c.sourceId);
    if (group) group.numbers.push(c.n);
    else groups.set(c.sourceId, { first: c, numbers: [c.n] });
  }
  return [...groups.values()];
}
