import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../../../../src/core/answer/types';
import type { Briefing } from '../../../../../src/core/brief/types';
import { printableBriefingUrl } from '../../../../../src/server/channels/widget/client/briefing-actions';
import { launchBrowser } from '../../../../helpers/browser';

const CLIENT = join(import.meta.dirname, '../../../../../src/server/channels/widget/client');
const FIXTURE = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../fixtures/briefing.json'), 'utf8')) as Briefing;
const MARKDOWN = '# Briefing: ISKP\n\n**Bottom line.** Although it is now reorganizing, ISK still presents a danger in Central Asia [1].\n';

/** The fixture as `/api/chat`'s `answer-end` carries it: the briefing, and its lines as the answer text. */
function responseWith(briefing: Briefing): AskResponse {
  const lines = [briefing.title, briefing.bottomLine.text, ...briefing.sections.flatMap((s) => [s.heading, ...s.points.map((p) => `- ${p.text}`)])];
  return { answer: lines.join('\n'), answerable: briefing.answerable, citations: briefing.citations, mode: briefing.mode, followUps: [], query: 'brief me', briefing };
}

/**
 * The page side: the widget's message views, bundled by esbuild as widget.js is, with stand-ins
 * for the widget's actions that record what they were asked to do.
 */
const ENTRY = `
import { answerView, pendingView } from './messages';
let calls;
const actions = (copyFails) => ({
  openSource: (citation) => calls.opened.push(citation.n),
  ask: () => undefined,
  copy: async (text) => {
    if (copyFails) throw new TypeError('navigator.clipboard is undefined');
    calls.copied.push(text);
  },
  printableBriefing: (topic) => 'https://bot.example/brief' + (topic ? '?topic=' + encodeURIComponent(topic) : ''),
  source: async (id) => {
    calls.sources.push(id);
    if (id === 'jadoon-2023') return { title: 'The Enduring Duel: Islamic State Khorasan’s survival under Afghanistan’s New Rulers', authors: ['Jadoon, A.', 'Mines, A.', 'Sayed, A.'], year: 2023 };
    throw new Error('not found');
  },
});
window.show = (response, copyFails) => {
  calls = window.calls = { opened: [], copied: [], sources: [] };
  document.body.replaceChildren(answerView(response, actions(copyFails)));
};
window.stream = (steps) => {
  const pending = pendingView();
  document.body.replaceChildren(pending.el);
  for (const step of steps) typeof step === 'string' ? pending.setText(step) : pending.addSection(step);
};
`;

type Win = typeof globalThis & {
  show(response: AskResponse, copyFails?: boolean): void;
  stream(steps: (string | Briefing['sections'][number])[]): void;
  calls: { opened: number[]; copied: string[]; sources: string[] };
};

/** The briefing renderer in a real DOM: headless Chromium, the same browser the widget tests use. */
describe('briefing view', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const esbuild = await import('esbuild');
    const bundle = await esbuild.build({ stdin: { contents: ENTRY, resolveDir: CLIENT, loader: 'js' }, bundle: true, format: 'iife', write: false, logLevel: 'silent' });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setContent('<!doctype html><html lang="en"><head><title>briefing view</title></head><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const show = (response: AskResponse, copyFails = false) => page.evaluate(([r, fails]) => (window as unknown as Win).show(r, fails), [response, copyFails] as const);
  const calls = () => page.evaluate(() => (window as unknown as Win).calls);

  it('lays out the title, the bottom line, a heading with bullets per section, and what to read next', async () => {
    await show(responseWith({ ...FIXTURE, markdown: MARKDOWN }));
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toEqual([FIXTURE.title]);
    expect(await page.getByRole('heading', { level: 4 }).allTextContents()).toEqual([...FIXTURE.sections.map((s) => s.heading), 'Read next']);
    expect(await page.locator('.brief-bottom').textContent()).toBe(`Bottom line${FIXTURE.bottomLine.text.replace(/ \[(\d+)\]/g, '\u00a0$1')}`);
    for (const section of FIXTURE.sections) {
      // Real lists: the section's <ul> holds one <li> per point, right after its heading.
      const items = page.locator('.brief-section', { has: page.getByRole('heading', { name: section.heading, exact: true }) }).getByRole('listitem');
      expect(await items.count()).toBe(section.points.length);
      expect(await items.first().evaluate((li) => li.parentElement!.tagName)).toBe('UL');
    }
    // The plain text answer is not shown besides: the briefing replaces it.
    expect(await page.locator('.answer > p').count()).toBe(0);
    expect(await page.locator('.msg').getAttribute('class')).toBe('msg bot briefing');
  });

  it('turns every [n] marker into a citation button named "Source n" that opens its source', async () => {
    await show(responseWith({ ...FIXTURE, markdown: MARKDOWN }));
    const brief = page.locator('.brief');
    for (const c of FIXTURE.citations) expect(await brief.getByRole('button', { name: `Source ${c.n}`, exact: true }).count()).toBe(1);
    expect(await brief.textContent()).not.toMatch(/\[\d+\]/);
    const source6 = brief.getByRole('button', { name: 'Source 6', exact: true });
    expect(await source6.getAttribute('title')).toBe('Palmer & Holtz (2023): The Islamic State Threat in Pakistan: Trends and Scenarios');
    await source6.click();
    expect((await calls()).opened).toEqual([6]);
  });

  it('names read-next works from the citations, and from their records when the briefing does not cite them', async () => {
    await show(responseWith({ ...FIXTURE, markdown: MARKDOWN }));
    const items = page.locator('.brief-read li');
    await page.locator('.brief-read li strong').nth(2).waitFor();
    expect(await items.locator('.read-work').allTextContents()).toEqual([
      'Palmer & Holtz (2023) The Islamic State Threat in Pakistan: Trends and Scenarios',
      'Hamming (2023) The General Directorate of Provinces: Managing the Islamic State’s Global Network',
      'Jadoon et al. (2023) The Enduring Duel: Islamic State Khorasan’s survival under Afghanistan’s New Rulers',
    ]);
    expect(await items.locator('.read-why').allTextContents()).toEqual(FIXTURE.readNext.map((r) => r.why));
    expect((await calls()).sources).toEqual(['jadoon-2023']); // only the uncited one is looked up
  });

  it('names a read-next work once when its why line already quotes the title', async () => {
    const why = 'Think-tank report (CSIS, 2023) on Pakistan: “The Islamic State Threat in Pakistan: Trends and Scenarios”.';
    await show(responseWith({ ...FIXTURE, readNext: [{ sourceId: 'palmer-2023', why }] }));
    expect(await page.locator('.brief-read li').textContent()).toBe(`Palmer & Holtz (2023)${why}`);
  });

  it('keeps a read-next work’s id when its record cannot be had', async () => {
    await show(responseWith({ ...FIXTURE, readNext: [{ sourceId: 'gone-1999', why: 'Lost.' }] }));
    await page.waitForFunction(() => (window as unknown as Win).calls.sources.includes('gone-1999'));
    expect(await page.locator('.brief-read .read-work').textContent()).toBe('gone-1999');
  });

  it('copies the briefing’s Markdown and says so in a live region', async () => {
    await show(responseWith({ ...FIXTURE, markdown: MARKDOWN }));
    const status = page.getByRole('status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await status.filter({ hasText: 'Copied' }).waitFor();
    expect((await calls()).copied.at(-1)).toBe(MARKDOWN);
    expect(await page.getByRole('textbox').isVisible()).toBe(false);
  });

  it('hands the reader the Markdown, selected, when the clipboard is unavailable', async () => {
    await show(responseWith({ ...FIXTURE, markdown: MARKDOWN }), true);
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await page.getByRole('status').filter({ hasText: 'Copying is blocked on this page' }).waitFor();
    const fallback = page.getByRole('textbox', { name: 'The briefing as Markdown' });
    expect(await fallback.inputValue()).toBe(MARKDOWN);
    expect(await fallback.evaluate((t: HTMLTextAreaElement) => [t.selectionStart, t.selectionEnd, document.activeElement === t])).toEqual([0, MARKDOWN.length, true]);
  });

  it('links to the printable briefing in a new tab, without a copy button when there is no Markdown', async () => {
    await show(responseWith({ ...FIXTURE, topic: 'ISKP' }));
    const link = page.getByRole('link', { name: 'Open printable briefing (opens in a new tab)' });
    expect(await link.getAttribute('href')).toBe('https://bot.example/brief?topic=ISKP');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
    expect(await page.getByRole('button', { name: 'Copy as Markdown' }).count()).toBe(0);
    await show(responseWith(FIXTURE)); // topic null: the whole corpus
    expect(await page.getByRole('link', { name: /printable briefing/ }).getAttribute('href')).toBe('https://bot.example/brief');
  });

  it('shows a declined briefing as an abstention, in plain text', async () => {
    const declined: Briefing = { ...FIXTURE, answerable: false, sections: [], readNext: [], citations: [], followUps: ['What is ISKP?'] };
    await show({ ...responseWith(declined), answer: 'The sources do not cover that topic.', answerable: false, followUps: ['What is ISKP?'] });
    expect(await page.locator('.msg').getAttribute('class')).toBe('msg bot abstain');
    expect(await page.getByRole('heading').count()).toBe(0);
    expect(await page.getByRole('link').count()).toBe(0);
    expect(await page.locator('.answer').textContent()).toBe('The sources do not cover that topic.');
  });

  it('while streaming, shows the text as it comes and a finished section’s line as its heading', async () => {
    const [background] = FIXTURE.sections;
    const text = `${FIXTURE.title}\n${FIXTURE.bottomLine.text}\n\n## ${background!.heading}\n- ${background!.points[0]!.text}\n\nThreat`;
    await page.evaluate(([t]) => (window as unknown as Win).stream([t]), [text] as const);
    expect(await page.getByRole('heading').count()).toBe(0);
    await page.evaluate(([t, s]) => (window as unknown as Win).stream([t, s]), [text, background!] as const);
    expect(await page.getByRole('heading', { level: 4 }).allTextContents()).toEqual([background!.heading]);
    expect(await page.getByRole('listitem').count()).toBe(1);
    expect(await page.locator('.cite.pending').count()).toBe(3); // markers shown, not yet buttons
    expect(await page.getByRole('button').count()).toBe(0);
  });
});

describe('printable briefing address', () => {
  it('is /brief on the API’s endpoint, with the topic encoded, or none for the whole corpus', () => {
    expect(printableBriefingUrl('https://bot.example', null)).toBe('https://bot.example/brief');
    expect(printableBriefingUrl('https://bot.example/iskp', 'ISKP')).toBe('https://bot.example/iskp/brief?topic=ISKP');
    expect(printableBriefingUrl('https://bot.example', 'ISKP & the Taliban?')).toBe('https://bot.example/brief?topic=ISKP+%26+the+Taliban%3F');
  });
});
