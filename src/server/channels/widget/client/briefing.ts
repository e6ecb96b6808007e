import type { Citation } from '../../../../core/answer/types';
import type { Briefing, BriefSection, ReadNext } from '../../../../core/brief/types';
import type { Source } from '../../../../core/corpus/types';
import { withMarkers } from './answer-text';
import { append, h, type Child } from './dom';
import { shortName } from './sources';

/** What a read-next entry needs to name its work. */
export type WorkName = Pick<Source, 'title' | 'authors' | 'year'>;

export interface BriefingDeps {
  /** What a `[n]` marker becomes: a citation button, or a placeholder while the answer streams. */
  marker: (n: number) => Child;
  /** A work's record, for read-next entries whose work the briefing does not cite. */
  source: (sourceId: string) => Promise<WorkName>;
}

/**
 * A briefing as a small document inside its message: the title (h3, under the panel's h2), the
 * bottom line, a heading (h4) and bullets per section, and what to read next.
 */
export function briefingView(briefing: Briefing, { marker, source }: BriefingDeps): HTMLElement {
  return h(
    'div',
    { class: 'brief' },
    h('h3', { class: 'brief-title' }, briefing.title),
    h('div', { class: 'brief-bottom' }, h('p', { class: 'section-label' }, 'Bottom line'), withMarkers(h('p'), briefing.bottomLine.text, marker)),
    ...briefing.sections.map((section) => sectionView(section, marker)),
    briefing.readNext.length > 0 && readNextView(briefing.readNext, briefing.citations, source),
  );
}

/** One section: its heading and a bullet per point. */
function sectionView(section: BriefSection, marker: (n: number) => Child): HTMLElement {
  return h(
    'div',
    { class: 'brief-section' },
    h('h4', { class: 'brief-heading' }, section.heading),
    h('ul', {}, ...section.points.map((point) => withMarkers(h('li'), point.text, marker))),
  );
}

/** What to read next: each work by author, year and title, and why, whether or not the briefing cites it. */
function readNextView(readNext: readonly ReadNext[], citations: readonly Citation[], source: BriefingDeps['source']): HTMLElement {
  const cited = new Map<string, WorkName>();
  for (const c of citations) if (!cited.has(c.sourceId)) cited.set(c.sourceId, c);
  const items = readNext.map(({ sourceId, why }) => {
    // The id until the work is known: readable ("jadoon-2023"), and what stays if the lookup fails.
    const work = h('span', { class: 'read-work' }, sourceId);
    const name = (record: WorkName) => nameWork(work, record, why);
    const known = cited.get(sourceId);
    if (known) name(known);
    else source(sourceId).then(name, () => undefined);
    return h('li', {}, work, h('span', { class: 'read-why' }, why));
  });
  return h('div', { class: 'brief-section brief-read' }, h('h4', { class: 'brief-heading' }, 'Read next'), h('ul', {}, ...items));
}

/** `Jadoon et al. (2023) The Enduring Duel…`; the title left out when the why line already quotes it. */
function nameWork(el: HTMLElement, work: WorkName, why: string): void {
  el.textContent = '';
  append(el, [h('strong', {}, shortName(work)), !why.includes(work.title) && ` ${work.title}`]);
}
