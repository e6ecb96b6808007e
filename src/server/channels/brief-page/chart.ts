import type { OutletKind } from '../../../core/brief/outlet-kind';

/** One work counted in the figure. */
export interface ChartWork {
  sourceId: string;
  year: number | null;
  kind: OutletKind;
}

/** Bottom to top in each bar, and left to right in the legend. */
export const KINDS: readonly OutletKind[] = ['journal', 'institute', 'news', 'other'];
export const KIND_LABELS: Readonly<Record<OutletKind, string>> = { journal: 'Journal', institute: 'Think tank or institute', news: 'News', other: 'Other' };
// Okabe–Ito colours: told apart with the common colour-vision deficiencies, and in grey print by lightness.
const FILLS: Readonly<Record<OutletKind, string>> = { journal: '#0072b2', institute: '#e69f00', news: '#009e73', other: '#bbbbbb' };

/** Beyond this many years between the oldest and newest work, only years with works get a bar. */
const MAX_SPAN = 30;
const WIDTH = 560;
const LEGEND_Y = 12;
const TOP = 44;
const BASE = 150;
const HEIGHT = 170;

/**
 * The works by year as an inline SVG bar chart, one `<g class="year" data-year>` per year (empty years
 * between the oldest and newest included, so gaps in time show), each bar stacked by kind of outlet.
 * Fills are presentation attributes, not `style`: the page's CSP allows no inline style, and
 * printing without background graphics keeps them. Empty when no work has a year.
 */
export function worksByYearChart(works: readonly ChartWork[]): string {
  const byYear = new Map<number, Record<OutletKind, number>>();
  for (const { year, kind } of works) {
    if (year === null) continue;
    const counts = byYear.get(year) ?? { journal: 0, institute: 0, news: 0, other: 0 };
    counts[kind] += 1;
    byYear.set(year, counts);
  }
  if (!byYear.size) return '';
  const years = yearsShown([...byYear.keys()]);
  const total = (y: number) => KINDS.reduce((sum, k) => sum + (byYear.get(y)?.[k] ?? 0), 0);
  const unit = (BASE - TOP) / Math.max(...years.map(total));
  const slot = (WIDTH - 20) / years.length;
  const barWidth = Math.min(44, slot * 0.7);
  const bars = years.map((year, i) => {
    const x = 10 + i * slot + (slot - barWidth) / 2;
    const counts = byYear.get(year);
    let y = BASE;
    const rects = KINDS.filter((k) => counts?.[k]).map((k) => {
      const h = counts![k] * unit;
      y -= h;
      return `<rect data-kind="${k}" x="${fmt(x)}" y="${fmt(y)}" width="${fmt(barWidth)}" height="${fmt(h)}" fill="${FILLS[k]}"/>`;
    });
    const mid = fmt(x + barWidth / 2);
    const count = total(year) ? `<text class="count" x="${mid}" y="${fmt(y - 4)}" text-anchor="middle">${total(year)}</text>` : '';
    return `<g class="year" data-year="${year}" data-count="${total(year)}"><title>${describeYear(year, counts)}</title>${rects.join('')}${count}<text x="${mid}" y="${BASE + 15}" text-anchor="middle">${year}</text></g>`;
  });
  const present = KINDS.filter((k) => years.some((y) => byYear.get(y)?.[k]));
  let keyX = 10;
  const legend = present.map((k) => {
    const key = `<g class="key" data-kind="${k}"><rect x="${fmt(keyX)}" y="${LEGEND_Y - 9}" width="11" height="11" fill="${FILLS[k]}"/><text x="${fmt(keyX + 16)}" y="${LEGEND_Y}">${KIND_LABELS[k]}</text></g>`;
    keyX += 34 + KIND_LABELS[k].length * 6.5; // about the width of the label at the chart's font size
    return key;
  });
  const dated = years.reduce((sum, y) => sum + total(y), 0);
  const summary = `${dated} works by year, ${years[0]}–${years.at(-1)}, by kind of outlet: ${years.filter(total).map((y) => describeYear(y, byYear.get(y))).join('; ')}.`;
  return (
    `<svg class="works-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="works-chart-title works-chart-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="works-chart-title">Cited works by year and kind of outlet</title><desc id="works-chart-desc">${summary}</desc>` +
    `${legend.join('')}<line x1="0" x2="${WIDTH}" y1="${BASE}" y2="${BASE}" stroke="#888" stroke-width="1"/>${bars.join('')}</svg>`
  );
}

/** Every year from the oldest to the newest, unless that is too many to draw: then the years with works. */
function yearsShown(withWorks: number[]): number[] {
  const sorted = withWorks.sort((a, b) => a - b);
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  if (last - first > MAX_SPAN) return sorted;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** "2023: 5 works (2 journal, 3 news)". */
function describeYear(year: number, counts: Record<OutletKind, number> | undefined): string {
  const parts = KINDS.filter((k) => counts?.[k]).map((k) => `${counts![k]} ${KIND_LABELS[k].toLowerCase()}`);
  const n = parts.length ? KINDS.reduce((sum, k) => sum + counts![k], 0) : 0;
  return `${year}: ${n} ${n === 1 ? 'work' : 'works'}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);
