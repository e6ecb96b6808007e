import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../../../src/core/answer/types';
import type { Briefing } from '../../../../src/core/brief/types';
import { launchBrowser } from '../../../helpers/browser';
import { startServer, type RunningServer } from '../../../helpers/start-server';
import { apiAnswer, focusedName, widget } from './widget-page';

const FIXTURE = JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/briefing.json'), 'utf8')) as Briefing;
const QUESTION = 'Brief me on ISKP';
/** The one thing that differs between two briefings on the same topic: the day they were made. */
const undated = (markdown: string | null | undefined) => markdown?.replace(/_Generated \d{4}-\d{2}-\d{2}/, '_Generated (date)');

/** What `/api/chat` streams for a briefing: its lines as text, a `briefing-section` per finished section, then the whole response. */
function briefingStream(briefing: Briefing, question: string): string {
  const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  const lines: string[] = [];
  let sse = event('answer-start', { requestId: 'briefing-test' });
  const say = (line: string) => {
    lines.push(line);
    sse += event('answer-delta', { text: `${lines.length > 1 ? '\n' : ''}${line}` });
  };
  say(briefing.title);
  say(briefing.bottomLine.text);
  for (const section of briefing.sections) {
    say(section.heading);
    section.points.forEach((p) => say(`- ${p.text}`));
    sse += event('briefing-section', section);
  }
  const response: AskResponse = { answer: lines.join('\n'), answerable: true, citations: briefing.citations, mode: briefing.mode, followUps: [], query: question, briefing };
  return sse + event('answer-end', response);
}

/**
 * A briefing in the widget on the demo page of the real server, in headless Chromium: asking
 * "Brief me on ISKP" answers with a briefing, which the widget lays out as a small document.
 */
describe('a briefing in the widget on the demo page', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let expected: Briefing;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const response = await apiAnswer(server.url, QUESTION);
    if (!response.briefing) throw new Error(`"${QUESTION}" did not answer with a briefing: ${response.answer}`);
    expected = response.briefing;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  /** A fresh reader on the demo page; `stub` answers one question on /api/chat with a briefing of ours. */
  async function open({ clipboard = true, stub }: { clipboard?: boolean; stub?: { question: string; briefing: Briefing } } = {}): Promise<{ page: Page; problems: string[] }> {
    context = await browser.newContext({ reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    // No clipboard at all, as on a page served over plain http from another host.
    if (!clipboard) await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    if (stub) {
      await page.route('**/api/chat', async (route) => {
        const { question } = route.request().postDataJSON() as { question: string };
        if (question !== stub.question) return route.fallback();
        await route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body: briefingStream(stub.briefing, question) });
      });
    }
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(server.url);
    return { page, problems };
  }

  async function briefed(options?: Parameters<typeof open>[0], question = options?.stub?.question ?? QUESTION) {
    const { page, problems } = await open(options);
    const w = widget(page);
    await w.launcher.click();
    const answer = await w.ask(question);
    return { page, problems, w, answer };
  }

  it('shows the title, the bottom line, a heading with bullets per section and what to read next', async () => {
    const { page, answer, problems } = await briefed();
    expect(await answer.getByRole('heading', { level: 3 }).allTextContents()).toEqual([expected.title]);
    expect(await answer.getByRole('heading', { level: 4 }).allTextContents()).toEqual([...expected.sections.map((s) => s.heading), 'Read next']);
    expect(await answer.locator('.brief-bottom').textContent()).toContain(expected.bottomLine.text.slice(0, 40));
    for (const section of expected.sections) {
      const items = answer.locator('.brief-section', { has: page.getByRole('heading', { name: section.heading, exact: true }) }).getByRole('listitem');
      expect(await items.count()).toBe(section.points.length);
      expect(await items.first().evaluate((li) => [li.parentElement!.tagName, getComputedStyle(li).listStyleType])).toEqual(['UL', 'disc']);
    }
    const readNext = answer.locator('.brief-read li');
    expect(await readNext.locator('.read-why').allTextContents()).toEqual(expected.readNext.map((r) => r.why));
    expect(await readNext.locator('.read-work strong').count()).toBe(expected.readNext.length); // each work named by author and year
    // The answer's plain text is not shown besides, and every marker is a button.
    expect(await answer.locator('.answer').textContent()).not.toMatch(/\[\d+\]|Bottom line:/);
    expect(await answer.locator('.brief button.cite').count()).toBeGreaterThanOrEqual(expected.citations.length);
    expect(problems).toEqual([]);
  });

  it('opens a source card from a marker in the briefing, as answers do', async () => {
    const { page, w, answer } = await briefed();
    await answer.locator('.brief').getByRole('button', { name: 'Source 1', exact: true }).first().click();
    await w.dialog.waitFor();
    expect(await w.dialog.locator('blockquote').textContent()).toBe(expected.citations[0]!.quote);
    await page.keyboard.press('Escape');
    await w.dialog.waitFor({ state: 'detached' });
    expect(await focusedName(page)).toBe('Source 1');
  });

  it('copies the briefing as Markdown and says "Copied"', async () => {
    const { page, answer } = await briefed();
    await answer.getByRole('button', { name: 'Copy as Markdown' }).click();
    await answer.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^# Briefing: ISKP\n/);
    expect(undated(copied)).toBe(undated(expected.markdown));
  });

  it('without a clipboard, selects the Markdown for the reader to copy', async () => {
    const { answer } = await briefed({ clipboard: false });
    await answer.getByRole('button', { name: 'Copy as Markdown' }).click();
    await answer.getByRole('status').filter({ hasText: 'Copying is blocked' }).waitFor();
    const fallback = answer.getByRole('textbox', { name: 'The briefing as Markdown' });
    expect(undated(await fallback.inputValue())).toBe(undated(expected.markdown));
  });

  it('opens the printable briefing on the topic in a new tab, with no way back to the widget’s page', async () => {
    const { answer } = await briefed();
    const link = answer.getByRole('link', { name: 'Open printable briefing (opens in a new tab)' });
    expect(await link.getAttribute('href')).toBe(`${server.url}/brief?topic=ISKP`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
    const [tab] = await Promise.all([context!.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${server.url}/brief?topic=ISKP`);
    expect(await tab.title()).toBe(expected.title);
    expect(await tab.evaluate(() => window.opener)).toBeNull();
  });

  it('links a briefing on the whole paper to /brief without a topic', async () => {
    const { answer } = await briefed({}, 'Give me an executive summary of the paper');
    expect(await answer.getByRole('heading', { level: 3 }).textContent()).toMatch(/^Briefing: /);
    expect(await answer.getByRole('link', { name: /^Open printable briefing/ }).getAttribute('href')).toBe(`${server.url}/brief`);
  });

  it('reaches the briefing’s actions with the keyboard', async () => {
    const { page } = await briefed();
    await page.getByRole('button', { name: 'New chat' }).focus();
    for (let i = 0; i < 80 && (await focusedName(page)) !== 'Copy as Markdown'; i++) await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Copy as Markdown');
    await page.keyboard.press('Enter');
    await page.locator('iskp-briefing').getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(undated(await page.evaluate(() => navigator.clipboard.readText()))).toBe(undated(expected.markdown));
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Open printable briefing (opens in a new tab)');
  });

  it('keeps the briefing, laid out, across a reload', async () => {
    const { page, w } = await briefed();
    await page.reload();
    await w.lastAnswer.waitFor();
    expect(await w.lastAnswer.getByRole('heading', { level: 3 }).textContent()).toBe(expected.title);
    expect(await w.lastAnswer.getByRole('button', { name: 'Copy as Markdown' }).isVisible()).toBe(true);
  });

  it('names a read-next work the briefing does not cite from the server’s /api/sources', async () => {
    // The fixture suggests jadoon-2023 without citing it: its name can only come from its record.
    const { answer } = await briefed({ stub: { question: 'Brief me on the fixture', briefing: { ...FIXTURE, markdown: '# Fixture' } } });
    const jadoon = answer.locator('.brief-read li').nth(2);
    await jadoon.locator('strong').waitFor();
    expect(await jadoon.locator('.read-work').textContent()).toBe('Jadoon et al. (2023) The Enduring Duel: Islamic State Khorasan’s survival under Afghanistan’s New Rulers');
    expect(await answer.getByRole('heading', { level: 4 }).allTextContents()).toEqual([...FIXTURE.sections.map((s) => s.heading), 'Read next']);
  });

  it('renders a tampered stored briefing as text and runs nothing', async () => {
    const { page } = await open();
    const w = widget(page);
    await w.launcher.waitFor();
    const payload = '<img src=x onerror="window.__xss=1">';
    const text = { text: `${payload} [1]`, citations: [1] };
    const tampered: Briefing = { ...FIXTURE, title: payload, topic: payload, bottomLine: text, sections: [{ id: 'background', heading: payload, points: [text] }], readNext: [{ sourceId: payload, why: payload }], markdown: payload };
    await page.evaluate(
      ({ key, tampered }) =>
        sessionStorage.setItem(key, JSON.stringify({ v: 1, open: true, entries: [
          { kind: 'question', text: 'Brief me' },
          { kind: 'answer', response: { answer: '', answerable: true, mode: 'extractive', query: '', followUps: [], citations: tampered.citations, briefing: tampered } },
        ] })),
      { key: `iskp-briefing:${server.url}`, tampered },
    );
    await page.reload();
    await w.lastAnswer.waitFor();
    expect(await w.lastAnswer.getByRole('heading', { level: 3 }).textContent()).toBe(payload);
    expect(await w.lastAnswer.getByRole('link', { name: /printable/ }).getAttribute('href')).toBe(`${server.url}/brief?${new URLSearchParams({ topic: payload }).toString()}`);
    expect(await page.locator('iskp-briefing img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });
});
