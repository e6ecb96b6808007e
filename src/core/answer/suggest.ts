import { familyName } from '../corpus/names';
import type { Source } from '../corpus/types';
import { insertAt } from '../search/top-k';
import type { Citation } from './types';
import type { TermModel } from './terms';

const CONTENT_KINDS = new Set(['group', 'place', 'term']);

/**
 * Candidate follow-up questions drawn from the corpus itself: one per topic the abstract names,
 * and bibliographic ones (years, prolific authors, outlets). The answerer keeps only those it
 * can actually answer, then ranks them by closeness to the current question.
 */
export function candidateQuestions(sources: Source[], terms: TermModel): string[] {
  const out: string[] = [];
  const prose = sources.filter((s) => s.kind === 'abstract' || s.kind === 'document');
  for (const s of prose) {
    for (const id of terms.entities(s.text)) {
      const entry = terms.entry(id);
      if (entry && CONTENT_KINDS.has(entry.kind)) out.push(`What does the paper say about ${entry.canonical}?`);
    }
  }
  out.push('Who wrote the paper, and where was it published?', 'How do I cite the paper?', 'What is the oldest reference?');
  const works = sources.filter((s) => s.kind === 'reference');
  for (const [year, n] of countBy(works, (s) => (s.year ? String(s.year) : undefined))) if (n >= 2) out.push(`Which references are from ${year}?`);
  for (const [name, n] of countBy(works.flatMap((s) => s.authors.map((a) => ({ a }))), (x) => (x.a.includes(',') ? familyName(x.a) : undefined))) {
    if (n >= 2) out.push(`What did ${name} write?`);
  }
  for (const [outlet, n] of countBy(works, (s) => s.publisher ?? undefined)) if (n >= 2) out.push(`Which sources are from ${acronym(outlet)}?`);
  return [...new Set(out)];
}

/** Ranks answerable candidates by shared rare terms with the question and its citations. */
export function rankSuggestions(question: string, citations: Citation[], candidates: string[], terms: TermModel, count = 3): string[] {
  const asked = new Set(terms.terms(question));
  // Title and quote looked up apart, not joined: both are corpus strings whose terms are
  // remembered, where a string joined per question would be hashed and split anew every time.
  const context = new Set(asked);
  for (const c of citations) {
    for (const t of terms.terms(c.title)) context.add(t);
    for (const t of terms.terms(c.quote)) context.add(t);
  }
  const repeated = question.trim().toLowerCase();
  // The best `count`, best first, earlier candidates first among equals: kept as they come rather
  // than sorting every candidate for three.
  const best: string[] = [];
  const scores: number[] = [];
  candidates.forEach((q) => {
    if (q.length === repeated.length && q.toLowerCase() === repeated) return;
    let novel = false;
    let related = 0;
    for (const x of terms.termSet(q)) {
      if (!asked.has(x)) novel = true;
      if (context.has(x)) related += terms.idf(x);
    }
    if (!novel) return;
    let at = best.length;
    while (at > 0 && related > scores[at - 1]!) at--;
    if (at >= count) return;
    insertAt(best, at, q, count);
    insertAt(scores, at, related, count);
  });
  return best;
}

function countBy<T>(xs: T[], key: (x: T) => string | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) {
    const k = key(x);
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** "Center for Strategic & International Studies (CSIS)" → "CSIS". */
const acronym = (outlet: string) => outlet.match(/\(([A-Z]{2,})\)\s*$/)?.[1] ?? outlet;
