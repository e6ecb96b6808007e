import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWatched } from '../../../helpers/browser';
import { startServer, type RunningServer } from '../../../helpers/start-server';

/** Pages in a PDF: its page objects (`/Type /Page`), not the page tree (`/Type /Pages`). */
const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;

/** `GET /brief` on the real server (seed corpus, real briefer) in headless Chromium, then printed to PDF. */
describe('the briefing page in a browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh page at `path`, with every console error and page error it raises (a CSP refusal is one). */
  const open = (path = '/brief') => openWatched(browser, `${server.url}${path}`);

  it('shows the title, the bottom line, each section, Read next and the sources, styled under its strict CSP', async () => {
    const { page, problems } = await open();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Briefing: The Islamic State-Khorasan’s Recent Reorganization/);
    expect(await page.locator('header time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings[0]).toBe('Bottom line');
    expect(headings.slice(-2)).toEqual(['Read next', 'Sources']);
    expect(headings.length).toBeGreaterThanOrEqual(5);
    expect(await page.locator('ul.points > li').count()).toBeGreaterThan(3);
    // The same-origin stylesheet applied: headings in the sans-serif face it sets.
    expect(await page.getByRole('heading', { level: 2 }).first().evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/system-ui/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws the figure: an SVG with an accessible name, one mark per year, stacked by the kind of outlet', async () => {
    const { page } = await open();
    const chart = page.getByRole('img', { name: 'Cited works by year and kind of outlet' });
    expect(await chart.evaluate((el) => el.tagName)).toBe('svg');
    const years = await chart.locator('g.year').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-year'))));
    expect(years.length).toBeGreaterThan(1);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => years[0]! + i));
    // The seed cites journals, think tanks and news alike: each kind is told from the record and the glossary.
    const kinds = await chart.locator('g.year rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('data-kind')));
    expect(new Set(kinds)).toEqual(new Set(['journal', 'institute', 'news']));
    const box = await chart.locator('g.year rect').first().boundingBox();
    expect(box!.height).toBeGreaterThan(5);
    await page.close();
  });

  it('takes the reader from each [n] marker to its source entry', async () => {
    const { page } = await open();
    const targets = await page.locator('a.cite').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(targets.length).toBeGreaterThan(3);
    for (const target of new Set(targets)) expect(await page.locator(`li${target}`).count(), target).toBe(1);
    const marker = page.locator('ul.points a.cite').last();
    const href = (await marker.getAttribute('href'))!;
    await marker.click();
    expect(new URL(page.url()).hash).toBe(href);
    const entry = page.locator(`li${href}`);
    expect(await entry.evaluate((el) => el.matches(':target'))).toBe(true);
    expect(await entry.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    await page.close();
  });

  it('prints to two pages or fewer, on A4 and on Letter', async () => {
    const { page } = await open();
    for (const format of ['A4', 'Letter'] as const) {
      const pages = pdfPages(await page.pdf({ format }));
      expect(pages, format).toBeGreaterThan(0);
      expect(pages, format).toBeLessThanOrEqual(2);
    }
    await page.close();
  });

  it('says when the sources don’t cover a topic, and what they can answer', async () => {
    const { page, problems } = await open('/brief?topic=bitcoin%20mining%20profitability');
    expect(await page.getByRole('heading', { name: 'Not covered by the sources' }).isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).toContain('The sources don’t cover “bitcoin mining profitability”');
    expect(await page.locator('ul.follow-ups > li').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
