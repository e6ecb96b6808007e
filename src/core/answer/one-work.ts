import type { Source } from '../corpus/types';
import type { SupportScorer } from './support';

/**
 * Which one reference a question about a record points at ("Which issue of CTC Sentinel carried
 * the article on the General Directorate of Provinces?"): the works its author, outlet or year
 * name, told apart by how much of their title the question's other words cover.
 */

/** The one work a question names, or the two it cannot tell apart, or all the works its names fit. */
export interface WorkMatch {
  works: Source[];
  /** Two works fit equally well: the answer says so and gives both. */
  tie: boolean;
}

/** How far ahead of the next work the best must be for the question to name it alone. */
const MARGIN = 0.15;
/** How much of its terms a title must hold to be named by its title alone. */
const TITLE_ONLY = 0.6;

/**
 * The work among `pool` the question's `focus` terms point at, by the words of its `titleOf`
 * (its title and the book or journal it is in). `named`: the pool is the works the question's
 * author, outlet or year names, so their titles only need to tell them apart; otherwise it is
 * every work, and a title must hold most of what the question asks about.
 */
export function matchWork(pool: Source[], focus: string[], support: SupportScorer, named: boolean, titleOf: (s: Source) => string): WorkMatch | undefined {
  const all = named && pool.length ? { works: pool, tie: pool.length === 2 } : undefined;
  if (!focus.length || (named && pool.length === 1)) return all;
  const ranked = pool.map((s) => ({ s, c: titleCoverage(focus, titleOf(s), support) })).sort((a, b) => b.c - a.c);
  const [best, second, third] = ranked;
  const floor = named ? Number.MIN_VALUE : TITLE_ONLY;
  if (!best || best.c < floor) return all;
  if (!second || best.c - second.c >= MARGIN) return { works: [best.s], tie: false };
  if (second.c >= floor && (!third || second.c - third.c >= MARGIN)) return { works: [best.s, second.s], tie: true };
  return all;
}

/**
 * The share of the question's terms a title holds, each weighing its rarity: a framing word counts
 * here in full ("the *explainer* on ISIS-K"), since a title is known by its words whatever they
 * are, where answering a question weighs it nothing.
 */
function titleCoverage(focus: readonly string[], title: string, support: SupportScorer): number {
  const held = support.terms.termSet(title);
  let total = 0;
  let covered = 0;
  for (const t of focus) {
    const w = support.terms.idf(t);
    total += w;
    covered += w * support.holds(t, held);
  }
  return total ? covered / total : 0;
}
