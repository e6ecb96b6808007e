import type { Source } from '../corpus/types';

/**
 * List questions with several criteria ("Which sources discuss Tajikistan or Central Asian
 * fighters?", "Which references are both from the Washington Post and from 2022?"): where the
 * question splits into its criteria, how they are joined, and the works the join selects. What
 * each criterion selects (a year, an author, an outlet, a topic in titles) is bibliographic.ts's.
 */

/** How criteria are joined: any of them (a union) or all of them (an intersection). */
export type Join = 'or' | 'and';

/** A question cut at its conjunctions: the text of each criterion, and how they are joined. */
export interface Split {
  join: Join;
  parts: string[];
}

/** "or", "and", "as well as": where a question may join two criteria. */
const CONJUNCTION = /\b(?:or|and|as well as)\b/gi;
/** More conjunctions than this is not a list of criteria but a run of words, and is not split. */
const MAX_CUTS = 6;

/**
 * The criteria of a question, cut at each conjunction that `keeps` allows (one that leaves every
 * name in the question whole: "Islamic State of Iraq and Syria", "between 2018 and 2021").
 * Undefined when there is no such cut, too many, or both "or" and "and" join the parts.
 */
export function splitCriteria(question: string, keeps: (left: string, right: string) => boolean): Split | undefined {
  const found = [...question.matchAll(CONJUNCTION)];
  if (found.length > MAX_CUTS) return undefined;
  const cuts = found.filter((m) => keeps(question.slice(0, m.index), question.slice(m.index + m[0].length)));
  const joins = new Set(cuts.map((m): Join => (m[0].toLowerCase() === 'or' ? 'or' : 'and')));
  if (!cuts.length || joins.size > 1) return undefined;
  const parts: string[] = [];
  let at = 0;
  for (const m of cuts) {
    parts.push(question.slice(at, m.index));
    at = m.index + m[0].length;
  }
  parts.push(question.slice(at));
  return { join: [...joins][0]!, parts };
}

/** The works any criterion selects (`or`) or every one selects (`and`), in the order of `works`. */
export function combine(join: Join, works: readonly Source[], selections: readonly Source[][]): Source[] {
  return works.filter((s) => (join === 'or' ? selections.some((m) => m.includes(s)) : selections.every((m) => m.includes(s))));
}

/** "about Tajikistan or about Syria", "both from Washington Post and from 2023": the criteria as a lead says them. */
export function describeCriteria(join: Join, labels: readonly string[]): string {
  const head = labels.slice(0, -1).join(', ');
  const last = labels[labels.length - 1] ?? '';
  if (join === 'or') return head ? `${head} or ${last}` : last;
  return labels.length === 2 ? `both ${head} and ${last}` : head ? `${head} and ${last}` : last;
}
