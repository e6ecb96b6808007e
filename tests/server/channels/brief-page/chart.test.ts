import { describe, expect, it } from 'vitest';
import { worksByYearChart, type ChartWork } from '../../../../src/server/channels/brief-page/chart';

/** The chart parsed the way a browser would see it: one entry per `<g class="year">`, its kinds bottom up. */
function bars(svg: string) {
  return [...svg.matchAll(/<g class="year" data-year="(\d+)" data-count="(\d+)">(.*?)<\/g>/g)].map(([, year, count, inner]) => ({
    year: Number(year),
    count: Number(count),
    kinds: [...inner!.matchAll(/<rect data-kind="(\w+)"/g)].map((m) => m[1]),
    heights: [...inner!.matchAll(/ height="([\d.]+)"/g)].map((m) => Number(m[1])),
  }));
}

const w = (sourceId: string, year: number | null, kind: ChartWork['kind']): ChartWork => ({ sourceId, year, kind });

describe('worksByYearChart', () => {
  const works = [w('a', 2023, 'news'), w('b', 2023, 'journal'), w('c', 2023, 'news'), w('d', 2020, 'institute'), w('e', null, 'other')];

  it('draws one mark per year from the oldest to the newest, empty years included', () => {
    const svg = worksByYearChart(works);
    expect(bars(svg).map((b) => [b.year, b.count])).toEqual([[2020, 1], [2021, 0], [2022, 0], [2023, 3]]);
  });

  it('stacks each bar by kind of outlet, journal at the bottom, heights in proportion to the counts', () => {
    const [y2020, , , y2023] = bars(worksByYearChart(works));
    expect(y2023!.kinds).toEqual(['journal', 'news']);
    expect(y2023!.heights[1]).toBeCloseTo(2 * y2023!.heights[0]!, 0);
    expect(y2020!.kinds).toEqual(['institute']);
    expect(y2020!.heights[0]).toBeCloseTo(y2023!.heights[0]!, 1);
  });

  it('has a legend of the kinds it shows, and says each year’s counts in words for screen readers', () => {
    const svg = worksByYearChart(works);
    expect([...svg.matchAll(/<g class="key" data-kind="(\w+)">.*?<text[^>]*>([^<]+)<\/text>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['journal', 'Journal'],
      ['institute', 'Think tank or institute'],
      ['news', 'News'],
    ]);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="works-chart-title works-chart-desc"/);
    expect(svg).toContain('<title id="works-chart-title">Cited works by year and kind of outlet</title>');
    expect(svg).toContain('2023: 3 works (1 journal, 2 news)');
    expect(svg).toContain('<title>2021: 0 works</title>');
  });

  it('uses no style attribute, which the page’s CSP would block: fills are presentation attributes', () => {
    const svg = worksByYearChart(works);
    expect(svg).not.toMatch(/style=/);
    expect(svg).toMatch(/<rect data-kind="news" [^>]*fill="#[0-9a-f]{6}"/);
  });

  it('leaves works without a year out, and draws nothing when no work has one', () => {
    expect(bars(worksByYearChart(works)).reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(worksByYearChart([w('e', null, 'other')])).toBe('');
    expect(worksByYearChart([])).toBe('');
  });

  it('draws only the years with works when they span more than 30 years', () => {
    expect(bars(worksByYearChart([w('a', 1950, 'journal'), w('b', 2020, 'news')])).map((b) => b.year)).toEqual([1950, 2020]);
  });
});
