import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../helpers/browser';
import { startServer, type RunningServer } from '../../../helpers/start-server';
import { apiAnswer, focusedName, widget } from './widget-page';

/** The key for this test's own calls; the page itself goes without one. */
const KEY = 'demo-page-test-key-7c1e';
const AUTH = { authorization: `Bearer ${KEY}` };

/** The widget in headless Chromium on the demo page (`/`) of the real server, same origin. */
describe('widget on the demo page', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    // With API_KEYS set: the server's own page must still work without one, its POSTs shown by
    // Origin and its GETs (citation exports) by Sec-Fetch-Site with a Referer on the page.
    [server, browser] = await Promise.all([startServer({ API_KEYS: KEY }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  /** A fresh reader: new context (own sessionStorage), demo page loaded, page problems collected. */
  async function open(): Promise<{ page: Page; problems: string[] }> {
    context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(server.url);
    return { page, problems };
  }

  it('shows a launcher named "Open chat" that opens the panel, under the page’s strict CSP', async () => {
    const { page, problems } = await open();
    const w = widget(page);
    await w.launcher.click();
    await w.input.waitFor();
    expect(await w.input.evaluate((el) => el.tagName)).toBe('TEXTAREA');
    expect(await focusedName(page)).toBe('Ask a question');
    expect(await w.send.isVisible()).toBe(true);
    expect(await w.log.getAttribute('aria-live')).toBe('polite');
    expect(await w.launcher.isVisible()).toBe(false);
    // Styled (constructed stylesheets pass `style-src 'self'`) and nothing blocked or thrown.
    expect(await w.send.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('12px');
    expect(problems).toEqual([]);
  });

  it('streams the answer: text shows while it arrives, citation buttons once it is complete', async () => {
    const { page } = await open();
    const w = widget(page);
    const asks: string[] = [];
    page.on('request', (r) => r.url().endsWith('/api/ask') && asks.push(r.url()));
    await w.launcher.click();
    // Every state the answer passes through, recorded as the DOM changes.
    await page.evaluate(() => {
      const log = document.querySelector('iskp-briefing')!.shadowRoot!.querySelector('[role="log"]')!;
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      new MutationObserver(() => {
        for (const el of log.querySelectorAll('[data-state]')) seen.push(`${el.getAttribute('data-state')}:${el.querySelectorAll('button.cite').length}:${el.textContent!.length}`);
      }).observe(log, { childList: true, subtree: true, characterData: true });
    });
    const answer = await w.ask('What is ISKP?');
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const partial = seen.filter((s) => s.startsWith('streaming:0:') && Number(s.split(':')[2]) > 20);
    const complete = seen.findIndex((s) => s.startsWith('done:'));
    expect(partial.length).toBeGreaterThan(0);
    expect(seen.indexOf(partial[0]!)).toBeLessThan(complete);
    expect(new Set(partial).size).toBeGreaterThan(1); // more than one piece, not all at once
    const source1 = answer.getByRole('button', { name: 'Source 1' });
    expect(await source1.isVisible()).toBe(true);
    // The marker never wraps away from its word: word, marker and full stop are one unbreakable unit.
    expect(await source1.evaluate((b) => [b.parentElement!.textContent, getComputedStyle(b.parentElement!).whiteSpace])).toEqual(['Pakistan\u00a01.', 'nowrap']);
    expect(asks).toEqual([]); // streamed, no fallback needed
  });

  it('opens a source card by its "Source 1" button with the verbatim quote, and Esc closes it', async () => {
    const question = 'Which references did the CTC Sentinel publish?';
    const expected = (await apiAnswer(server.url, question, AUTH)).citations[0]!;
    const { page } = await open();
    const w = widget(page);
    await w.launcher.click();
    const answer = await w.ask(question);
    await answer.getByRole('button', { name: 'Source 1' }).click();
    const card = page.getByRole('dialog', { name: expected.title });
    await card.waitFor();
    expect(await card.locator('blockquote').textContent()).toBe(expected.quote);
    expect(await card.textContent()).toContain(expected.authors[0]);
    expect(await card.textContent()).toContain(String(expected.year));
    expect(await card.textContent()).toContain(expected.container ?? expected.publisher);
    const sourcePage = card.getByRole('link', { name: 'Open source page (opens in a new tab)' });
    expect(await sourcePage.getAttribute('href')).toBe(expected.url);
    expect(expected.url).toMatch(/^http:\/\/[^/]+\/sources\/hamming-2023\?q=.+#quote$/);
    expect(await sourcePage.getAttribute('rel')).toBe('noopener');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    expect(await focusedName(page)).toBe('Source 1');
    expect(await w.input.isVisible()).toBe(true); // only the card closed
  });

  it('lists each answer’s sources under it, and a source row opens its card', async () => {
    const { page } = await open();
    const w = widget(page);
    await w.launcher.click();
    const answer = await w.ask('What did Hamming write about?');
    const rows = answer.locator('.sources li');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('Hamming (2023)');
    await rows.nth(1).getByRole('button').click();
    expect(await w.dialog.getAttribute('aria-labelledby')).toBeTruthy();
    expect(await w.dialog.textContent()).toContain('The Growing Threat of the Islamic State in Afghanistan and South Asia');
  });

  it('copies a citation as APA and as BibTeX, fetched from /api/sources', async () => {
    const { page } = await open();
    const w = widget(page);
    await w.launcher.click();
    const answer = await w.ask('Which references did the CTC Sentinel publish?');
    await answer.getByRole('button', { name: 'Source 1' }).click();
    const id = (await apiAnswer(server.url, 'Which references did the CTC Sentinel publish?', AUTH)).citations[0]!.sourceId;
    for (const [label, format] of [['APA', 'apa'], ['BibTeX', 'bibtex']] as const) {
      await w.dialog.getByRole('button', { name: `Copy ${label}` }).click();
      await w.dialog.getByRole('status').filter({ hasText: `Copied the ${label} citation.` }).waitFor();
      const expected = await (await fetch(`${server.url}/api/sources/${id}?format=${format}`, { headers: AUTH })).text();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    }
  });

  it('keeps the conversation across a reload, until the reader clicks "New chat"', async () => {
    const { page } = await open();
    const w = widget(page);
    const questions = page.locator('iskp-briefing .msg.user');
    await w.launcher.click();
    await w.ask('What happened in Iran on January 3?');
    await page.reload();
    await w.lastAnswer.waitFor(); // the panel was open, so it reopens
    expect(await questions.allTextContents()).toEqual(['What happened in Iran on January 3?']);
    expect(await w.lastAnswer.textContent()).toContain('attack in Iran');
    await w.lastAnswer.getByRole('button', { name: 'Source 1' }).click();
    await w.dialog.waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'New chat' }).click();
    expect(await questions.count()).toBe(0);
    await page.reload();
    await w.input.waitFor(); // still open, now empty
    expect(await questions.count()).toBe(0);
    expect(await w.answers.count()).toBe(0);
  });

  it('sends the earlier turns as history with a follow-up question', async () => {
    const { page } = await open();
    const w = widget(page);
    const bodies: unknown[] = [];
    page.on('request', (r) => r.url().endsWith('/api/chat') && bodies.push(r.postDataJSON()));
    await w.launcher.click();
    await w.ask('Who wrote the paper?');
    await w.ask('Where was it published?');
    expect(bodies[0]).toEqual({ question: 'Who wrote the paper?' });
    expect(bodies[1]).toMatchObject({
      question: 'Where was it published?',
      history: [{ role: 'user', content: 'Who wrote the paper?' }, { role: 'assistant', content: expect.stringContaining('Tassev') }],
    });
  });

  it('can be used with the keyboard alone', async () => {
    const { page } = await open();
    const w = widget(page);
    const tabTo = async (name: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if ((await focusedName(page)) === name) return;
      }
      throw new Error(`Tab never reached "${name}"`);
    };
    await tabTo('Open chat');
    await page.keyboard.press('Enter');
    expect(await focusedName(page)).toBe('Ask a question');
    await page.keyboard.type('Who wrote');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('the paper?');
    expect(await w.input.inputValue()).toBe('Who wrote\nthe paper?');
    await page.keyboard.press('Enter');
    await w.lastAnswer.waitFor();
    expect(await w.input.inputValue()).toBe('');
    expect(await w.log.textContent()).toContain('Who wrote\nthe paper?');

    await page.getByRole('button', { name: 'New chat' }).focus(); // start of the panel's tab order
    await tabTo('Source 1');
    await page.keyboard.press('Enter');
    await w.dialog.waitFor();
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Close source'); // focus moved into the card
    await page.keyboard.press('Escape');
    await w.dialog.waitFor({ state: 'detached' });
    expect(await focusedName(page)).toBe('Source 1');
    await page.keyboard.press('Escape');
    await w.input.waitFor({ state: 'hidden' });
    expect(await focusedName(page)).toBe('Open chat');
  });

  it('shows an abstention differently, with follow-ups as chips that ask them', async () => {
    const { page } = await open();
    const w = widget(page);
    await w.launcher.click();
    const expected = await apiAnswer(server.url, 'What is the capital of France?', AUTH);
    expect(expected.answerable).toBe(false);
    const abstention = await w.ask('What is the capital of France?');
    expect(await abstention.getAttribute('class')).toContain('abstain');
    expect(await abstention.textContent()).toContain('Not covered by the sources');
    expect(await abstention.getByRole('button', { name: 'Source 1' }).count()).toBe(0);
    const chips = abstention.locator('.chip');
    expect(await chips.allTextContents()).toEqual(expected.followUps);
    const background = (el: Element) => getComputedStyle(el).backgroundColor;
    const answered = await w.ask('Who wrote the paper?');
    expect(await abstention.evaluate(background)).not.toBe(await answered.evaluate(background));
    expect(await answered.locator('.chip').count()).toBeGreaterThan(0); // follow-ups after answers too

    await chips.first().click();
    await w.answers.nth(2).waitFor();
    expect(await page.locator('iskp-briefing .msg.user').last().textContent()).toBe(expected.followUps[0]);
  });

  it('falls back to POST /api/ask when streaming fails', async () => {
    const { page } = await open();
    const w = widget(page);
    await page.route('**/api/chat', (route) => route.abort('connectionreset'));
    const asks: string[] = [];
    page.on('request', (r) => r.url().endsWith('/api/ask') && asks.push(r.method()));
    await w.launcher.click();
    const answer = await w.ask('Who wrote the paper?');
    expect(await answer.textContent()).toContain('Tassev');
    expect(asks).toEqual(['POST']);
  });

  it('shows an error with "Try again" when the service can’t be reached, and recovers', async () => {
    const { page } = await open();
    const w = widget(page);
    const api = /\/api\/(chat|ask)$/;
    await page.route(api, (route) => route.abort('connectionrefused'));
    await w.launcher.click();
    await w.input.fill('Who wrote the paper?');
    await w.send.click();
    await w.errors.waitFor();
    expect(await w.errors.textContent()).toContain('can’t be reached');

    await page.unroute(api);
    await w.errors.getByRole('button', { name: 'Try again' }).click();
    await w.lastAnswer.waitFor();
    expect(await w.errors.count()).toBe(0);
    expect(await page.locator('iskp-briefing .msg.user').allTextContents()).toEqual(['Who wrote the paper?']);
  });
});
