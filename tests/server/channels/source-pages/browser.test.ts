import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWatched } from '../../../helpers/browser';
import { startServer, type RunningServer } from '../../../helpers/start-server';

const SENTENCE = 'The author provides some future recommendations on how the international community should address the current risks presented by ISK in particular.';
const QUOTED = `/sources/tassev-2024-abstract?q=${encodeURIComponent(SENTENCE)}`;
/** A phone's viewport: the abstract's last sentence is well below the fold until the page scrolls to it. */
const PHONE = { width: 375, height: 667 };

/** What each format's copy and download must hold, told from its first characters and its shape. */
const FORMATS = [
  { label: 'APA', file: 'tassev-2024-abstract.txt', check: (text: string) => expect(text).toMatch(/^Tassev, I\. V\. \(2024\)\. The Islamic State-Khorasan’s/) },
  { label: 'BibTeX', file: 'tassev-2024-abstract.bib', check: (text: string) => expect(text).toMatch(/^@article\{tassev-2024-abstract,\n[\s\S]*\n\}$/) },
  { label: 'RIS', file: 'tassev-2024-abstract.ris', check: (text: string) => expect(text).toMatch(/^TY {2}- JOUR\n[\s\S]*\nER {2}- $/) },
  { label: 'CSL-JSON', file: 'tassev-2024-abstract.json', check: (text: string) => expect(JSON.parse(text)).toMatchObject({ id: 'tassev-2024-abstract', type: 'article-journal' }) },
] as const;

/** A source page on the real server (seed corpus) in headless Chromium, at a phone's size. */
describe('the source pages in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    // With API_KEYS set, as on a locked-down deployment: the pages and their downloads must not need one.
    [server, browser] = await Promise.all([startServer({ API_KEYS: 'k'.repeat(32) }), launchBrowser()]);
    context = await browser.newContext({ viewport: PHONE, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh page at `path`, with every console error and page error it raises (a CSP refusal is one). */
  const open = (path: string) => openWatched(context, `${server.url}${path}`);

  /** True when the element's box lies wholly inside the viewport. */
  const inView = (page: Page, selector: string) =>
    page.locator(selector).evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
    });

  it('opens from a citation’s url as /api/ask gives it: the cited quote highlighted and in view', async () => {
    const res = await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${'k'.repeat(32)}` }, body: JSON.stringify({ question: 'Does the author give recommendations?' }) });
    const { citations } = (await res.json()) as { citations: { url: string; quote: string }[] };
    const cited = citations[0]!;
    expect(cited.url.startsWith(`${server.url}/sources/`)).toBe(true);
    const page = await context.newPage();
    await page.goto(cited.url);
    expect(await page.locator('mark#quote').textContent()).toBe(cited.quote);
    expect(await inView(page, 'mark#quote')).toBe(true);
    await page.close();
  });

  it('marks the quoted sentence and scrolls to it from #quote, with no script error or CSP refusal', async () => {
    const { page, problems } = await open(`${QUOTED}#quote`);
    const mark = page.locator('mark#quote');
    expect(await mark.textContent()).toBe(SENTENCE);
    expect(await page.locator('mark').count()).toBe(1);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(await inView(page, 'mark#quote')).toBe(true);
    const box = (await mark.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    // The same-origin stylesheet applied: the mark has its own colour, and nothing is wider than the phone.
    expect(await mark.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('leaves the sentence below the fold without the fragment (so the scroll above is the fragment’s)', async () => {
    const { page } = await open(QUOTED);
    expect(await page.locator('mark#quote').textContent()).toBe(SENTENCE);
    expect(await inView(page, 'mark#quote')).toBe(false);
    await page.close();
  });

  it('scrolls to a sentence from #s-n and shows it as the target', async () => {
    const { page } = await open('/sources/tassev-2024-abstract#s-11');
    const sentence = page.locator('#s-11');
    expect(await sentence.textContent()).toBe('The very recent example is the attack in Iran from January 3.');
    expect(await sentence.evaluate((el) => el.matches(':target'))).toBe(true);
    expect(await inView(page, '#s-11')).toBe(true);
    await page.close();
  });

  it('copies each format with its button, and says so in the live region', async () => {
    const { page, problems } = await open(QUOTED);
    const status = page.getByRole('status');
    for (const { label, check } of FORMATS) {
      const button = page.getByRole('button', { name: `Copy ${label}` });
      expect(await button.isVisible()).toBe(true);
      await page.evaluate(() => navigator.clipboard.writeText(''));
      await button.click();
      await expect.poll(() => status.textContent()).toBe(`Copied the ${label} citation.`);
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      check(copied);
      expect(copied).toBe(await page.locator(`#${await button.getAttribute('data-copy')}`).textContent());
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('downloads each format from its link, without an API key, as the file its name says', async () => {
    const { page } = await open(QUOTED);
    for (const { label, file, check } of FORMATS) {
      const link = page.getByRole('link', { name: `Download ${label}` });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(file);
      check(await readFile((await download.path())!, 'utf8'));
    }
    await page.close();
  });

  it('can be used from the keyboard: the copy buttons take a visible focus', async () => {
    const { page } = await open(QUOTED);
    const button = page.getByRole('button', { name: 'Copy APA' });
    await button.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await button.evaluate((el) => el === document.activeElement && el.matches(':focus-visible'))).toBe(true);
    expect(await button.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.close();
  });

  it('lists every source and leads from the list to a source and back', async () => {
    const { page, problems } = await open('/sources');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('All sources');
    expect(await page.locator('ul.sources a').count()).toBe(26);
    await page.getByRole('link', { name: /^The General Directorate of Provinces/ }).click();
    await page.waitForURL(/\/sources\/hamming-2023$/);
    expect(await page.locator('p.entry').textContent()).toMatch(/^Hamming, T\. \(2023\)\./);
    await page.getByRole('navigation').getByRole('link', { name: 'The paper', exact: true }).click();
    await page.waitForURL(/\/sources\/tassev-2024$/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a page, not a stack trace, for an unknown id', async () => {
    const { page } = await open('/sources/nobody-1999');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('No such source');
    await page.close();
  });
});
