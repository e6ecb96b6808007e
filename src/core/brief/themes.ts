import type { GlossaryEntry, Source } from '../corpus/types';
import type { TermModel } from '../answer/terms';

/** A group of references that share a glossary entity or place: one point of the literature section. */
export interface Theme {
  /** "Kinetic action and Kabul": as a heading. */
  label: string;
  /** "kinetic action and Kabul": within a sentence. */
  about: string;
  /** The works that name no theme's entity, gathered last. */
  rest?: boolean;
  works: Source[];
}

/** Entities of these kinds name what a work is about; institutes and outlets name who wrote or ran it. */
const THEME_KINDS: ReadonlySet<GlossaryEntry['kind']> = new Set(['group', 'place', 'term']);
/** An entity more than this share of the works name is the corpus's own subject, not a theme within it. */
const TOO_COMMON = 0.4;
/** An entity joins a larger theme when at least this share of its works are already in it . */
const JOINS = 2 / 3;

/**
 * The references grouped into themes taken from the glossary's entities and places: one theme per
 * entity that two or more works name, with an entity whose works mostly fall in a larger theme
 * named with it ("Afghanistan and Pakistan"); themes that add the most works not yet shown come
 * first, and a work may stand in two themes. The works that name no theme's entity close the list
 * under the corpus's own subject ("Islamic State more broadly"). `textOf`: what a work is matched
 * on (its title and outlet); `subject`: entities the whole corpus is about (those the paper's
 * title names), never a theme of their own; `restLabel`: what to call the works that name none
 * ("works on the Taliban"), the subject more broadly by default.
 */
export function themesOf(works: readonly Source[], terms: TermModel, textOf: (s: Source) => string, subject: readonly string[] = [], restLabel?: string): Theme[] {
  const named = new Map(works.map((w) => [w, new Set(terms.entities(textOf(w)).filter((e) => THEME_KINDS.has(terms.entry(e)?.kind ?? 'synonym')))]));
  const naming = (id: string) => works.filter((w) => named.get(w)!.has(id));
  const ids = [...new Set([...named.values()].flatMap((set) => [...set]))];
  const general = ids.filter((id) => subject.includes(id) || naming(id).length > works.length * TOO_COMMON);
  const bySize = ids.filter((id) => !general.includes(id) && naming(id).length >= 2).sort((a, b) => naming(b).length - naming(a).length);

  const candidates: { members: string[]; works: Source[] }[] = [];
  for (const id of bySize) {
    const mine = naming(id);
    const host = candidates.find((c) => mine.filter((w) => c.works.includes(w)).length >= mine.length * JOINS);
    if (host) {
      host.members.push(id);
      host.works.push(...mine.filter((w) => !host.works.includes(w)));
    } else candidates.push({ members: [id], works: mine });
  }
  // Greedy cover: the theme that shows the most works not yet shown comes next.
  const themes: Theme[] = [];
  const shown = new Set<Source>();
  for (let pool = candidates; pool.length; ) {
    const fresh = (c: (typeof pool)[number]) => c.works.filter((w) => !shown.has(w)).length;
    const next = pool.reduce((best, c) => (fresh(c) > fresh(best) ? c : best));
    if (!fresh(next)) break;
    const about = joined(next.members.map((id) => terms.entry(id)!.canonical));
    themes.push({ label: capitalised(about), about, works: next.works });
    for (const w of next.works) shown.add(w);
    pool = pool.filter((c) => c !== next);
  }
  const rest = works.filter((w) => !shown.has(w));
  if (rest.length) {
    const broadest = [...general].sort((a, b) => naming(b).length - naming(a).length)[0];
    const about = restLabel ? (themes.length ? `other ${restLabel}` : restLabel) : broadest ? `${terms.entry(broadest)!.canonical} more broadly` : 'other subjects';
    themes.push({ label: capitalised(about), about, works: rest, rest: true });
  }
  return themes;
}

/** "Afghanistan", "Afghanistan and Pakistan", "Kinetic action, Kabul and Iraq". */
function joined(names: string[]): string {
  const shown = names.slice(0, 3);
  return shown.length < 2 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
