import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type AxeException } from '../../helpers/axe';
import { launchBrowser } from '../../helpers/browser';
import { startServer, type RunningServer } from '../../helpers/start-server';
import { apiAnswer, widget } from './widget/widget-page';

/** Rules switched off, each with its reason. None: every finding is fixed in the product. */
const EXCEPTIONS: readonly AxeException[] = [];

/** Each page is checked at each of these: a desktop and a small phone, in the light and the dark. */
const VIEWS = [
  { name: 'desktop, light', viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
  { name: 'desktop, dark', viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
  { name: '360 px, light', viewport: { width: 360, height: 740 }, colorScheme: 'light' },
  { name: '360 px, dark', viewport: { width: 360, height: 740 }, colorScheme: 'dark' },
] as const satisfies readonly (Pick<BrowserContextOptions, 'viewport' | 'colorScheme'> & { name: string })[];
type View = (typeof VIEWS)[number];

const QUESTION_ROUTES = /\/api\/(chat|ask)$/;

/**
 * axe-core (WCAG 2.0, 2.1 and 2.2 at A and AA, and best practice) over everything a reader meets
 * on the real server: the demo page with the widget in each of its states, the source pages and
 * the printable briefing, at each view. Motion is reduced so nothing is caught mid-animation.
 */
describe('accessibility, held to axe-core', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  /** A page in a fresh context for `view` and a `check(state)` that records axe's findings in that state. */
  async function open(view: View): Promise<{ page: Page; check: (state: string) => Promise<void>; findings: string[] }> {
    context = await browser.newContext({ viewport: view.viewport, colorScheme: view.colorScheme, reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const findings: string[] = [];
    // Every state is checked before the test fails, so one run lists every finding.
    const check = async (state: string) => {
      for (const violation of await axeViolations(page, EXCEPTIONS)) findings.push(`[${view.name}: ${state}] ${violation}`);
    };
    return { page, check, findings };
  }

  /** Empties this client's bucket of questions with requests that cost a token and no answer (no question: 400). */
  async function exhaustRateLimit(): Promise<void> {
    for (let i = 0; i < 1_000; i++) {
      const res = await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (res.status === 429) return;
    }
    throw new Error('the server never answered 429');
  }

  it.each(VIEWS)('the demo page and the widget: closed, open, answered, a source card, an abstention, a briefing ($name)', async (view) => {
    const { page, check, findings } = await open(view);
    const w = widget(page);
    await page.goto(server.url);
    await w.launcher.waitFor();
    await check('closed');

    await w.launcher.click();
    await w.input.waitFor();
    await check('open');

    const answer = await w.ask('Which references did the CTC Sentinel publish?');
    await check('answered');

    await answer.getByRole('button', { name: 'Source 1' }).click();
    await w.dialog.getByRole('button', { name: 'Copy APA' }).click();
    await w.dialog.getByRole('status').filter({ hasText: 'Copied the APA citation.' }).waitFor();
    await check('source card, citation copied');
    await page.keyboard.press('Escape');
    await w.dialog.waitFor({ state: 'detached' });

    const abstention = await w.ask('What is the capital of France?');
    expect(await abstention.textContent()).toContain('Not covered by the sources');
    await check('abstention');

    const briefing = await w.ask('Brief me on ISKP');
    await briefing.getByRole('button', { name: 'Copy as Markdown' }).waitFor();
    await check('briefing');

    expect(findings).toEqual([]);
  });

  it.each(VIEWS)('the source list, a source page with the cited quote highlighted, and the printable briefing ($name)', async (view) => {
    const cited = (await apiAnswer(server.url, 'Does the author give recommendations?')).citations[0]!;
    expect(cited.url).toMatch(/\/sources\/[^?]+\?q=.+#quote$/);
    const { page, check, findings } = await open(view);

    await page.goto(`${server.url}/sources`);
    await check('/sources');

    await page.goto(cited.url!);
    expect(await page.locator('mark#quote').textContent()).toBe(cited.quote);
    await check('a source page with its quote');

    await page.goto(`${server.url}/brief`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await check('/brief');

    expect(findings).toEqual([]);
  });

  // Last: it empties the bucket every other test asks from.
  it('the widget showing the server’s own refusal, 429 rate_limited, at every view', async () => {
    const findings: string[] = [];
    for (const view of VIEWS) {
      const { page, check, findings: found } = await open(view);
      const w = widget(page);
      // The widget's own request goes on to the server once the bucket is empty, so the refusal is the
      // server's. The bucket refills as time passes: if a token came back meanwhile, empty it and resend.
      await page.route(QUESTION_ROUTES, async (route) => {
        for (;;) {
          await exhaustRateLimit();
          const response = await route.fetch();
          if (response.status() === 429) return route.fulfill({ response });
        }
      });
      await page.goto(server.url);
      await w.launcher.click();
      await w.input.fill('Who wrote the paper?');
      await w.send.click();
      await w.errors.waitFor();
      expect(await w.errors.textContent()).toContain('Too many questions at once');
      await check('error (429)');
      findings.push(...found);
      await context!.close();
      context = undefined;
    }
    expect(findings).toEqual([]);
  }, 60_000);
});
