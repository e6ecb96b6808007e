import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../helpers/browser';
import { startHostSite, type HostSite } from '../../../helpers/host-site';
import { startServer, type RunningServer } from '../../../helpers/start-server';
import { widget } from './widget-page';

/**
 * The widget embedded by other sites: tiny servers on other ports (so other origins), one listed
 * in WIDGET_ALLOWED_ORIGINS and one not. Their pages have no CSP, so nothing but the widget's
 * own care stops injected markup from running.
 */
const HOSTILE_CSS = `
* { color: red !important; background: yellow !important; font: italic 40px/3 "Comic Sans MS", cursive !important;
    display: inline !important; padding: 9px !important; margin: 13px !important; border: 5px solid lime !important;
    box-sizing: content-box !important; opacity: .5 !important; visibility: visible !important; letter-spacing: 4px !important; }
html { font-size: 5px !important; }
button, textarea, section, div, p, svg, [role], [aria-label] { display: none !important; width: 1px !important; }
iskp-briefing, iskp-briefing * { display: none !important; position: static !important; z-index: -1 !important; }
`;

function hostPage(botUrl: string, { css = '', script = `<script src="${botUrl}/widget.js" async></script>`, body = '' } = {}) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Someone else's site</title><style>${css}</style></head>
<body><h1>A news site</h1><p class="copy">An article about Central Asia.</p><button class="mine">Subscribe</button>${body}${script}</body></html>`;
}

describe('widget embedded on other sites', () => {
  let server: RunningServer;
  let allowed: HostSite;
  let refused: HostSite;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    let botUrl = '';
    const pages = (path: string) =>
      ({
        '/plain': hostPage(botUrl),
        '/bare': hostPage(botUrl, { script: '' }),
        '/hostile': hostPage(botUrl, { css: HOSTILE_CSS }),
        '/auto': hostPage(botUrl, { script: `<script src="${botUrl}/widget.js" data-endpoint="${botUrl}/" data-theme="auto" data-open="true" async></script>` }),
        '/options': hostPage(botUrl, {
          script: `<script src="${botUrl}/widget.js" data-endpoint="${botUrl}/" data-title="Paper desk" data-greeting="Ask the desk." data-accent="#e11d48" data-position="bottom-left" data-theme="dark" data-open="true" async></script>`,
        }),
      })[path];
    [allowed, refused, browser] = await Promise.all([startHostSite(pages), startHostSite(pages), launchBrowser()]);
    server = await startServer({ WIDGET_ALLOWED_ORIGINS: `https://elsewhere.example, ${allowed.origin}` });
    botUrl = server.url;
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([server?.stop(), allowed?.close(), refused?.close()]);
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function visit(url: string): Promise<Page> {
    // Reduced motion: styles are compared at rest, not part-way through a transition.
    context = await browser.newContext({ reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  it('answers on an allowed origin, streaming across origins with the endpoint taken from the script’s URL', async () => {
    const page = await visit(`${allowed.origin}/plain`);
    const w = widget(page);
    const calls: string[] = [];
    page.on('request', (r) => r.url().includes('/api/') && calls.push(`${r.method()} ${new URL(r.url()).origin}${new URL(r.url()).pathname}`));
    await w.launcher.click();
    const answer = await w.ask('What is ISKP?');
    await answer.getByRole('button', { name: 'Source 1' }).click();
    expect(await w.dialog.locator('blockquote').textContent()).toContain('Islamic State-Khorasan Province');
    expect(calls).toContain(`POST ${server.url}/api/chat`);
    expect(calls).not.toContain(`POST ${server.url}/api/ask`);
  });

  it('is refused on an origin not in WIDGET_ALLOWED_ORIGINS: 403 from the server, an error the reader can see', async () => {
    const page = await visit(`${refused.origin}/plain`);
    const w = widget(page);
    await w.launcher.click();
    await w.input.fill('What is ISKP?');
    await w.send.click();
    await w.errors.waitFor();
    expect(await w.errors.textContent()).toContain('can’t be reached');
    expect(await w.errors.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(await w.answers.count()).toBe(0);

    // What the browser's preflight got (CORS hides it from page script).
    const preflight = await fetch(`${server.url}/api/chat`, { method: 'OPTIONS', headers: { Origin: refused.origin, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(await preflight.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });

  it('keeps its looks on a page with hostile CSS', async () => {
    const look = async (path: string) => {
      const page = await visit(`${allowed.origin}${path}`);
      const w = widget(page);
      await w.launcher.waitFor();
      const closed = await widgetStyles(page);
      await w.launcher.click();
      await w.ask('Who wrote the paper?');
      return { closed, open: await widgetStyles(page) };
    };
    const plain = await look('/plain');
    const hostile = await look('/hostile');
    expect(hostile.closed).toEqual(plain.closed);
    expect(hostile.open).toEqual(plain.open);
    expect(plain.closed['.launcher']).toContain('display=grid');
    expect(plain.open['button.cite']).not.toBe('missing');
  });

  it('leaves the host page’s own styles alone', async () => {
    const pageLook = async (path: string) => {
      const page = await visit(`${allowed.origin}${path}`);
      if (path === '/plain') await widget(page).launcher.waitFor();
      return page.evaluate(() =>
        ['body', 'h1', '.copy', '.mine'].map((s) => {
          const cs = getComputedStyle(document.querySelector(s)!);
          return [s, cs.color, cs.backgroundColor, cs.fontFamily, cs.fontSize, cs.display, cs.margin, cs.padding, cs.boxSizing].join(' ');
        }),
      );
    };
    expect(await pageLook('/plain')).toEqual(await pageLook('/bare'));
  });

  it('follows the reader\'s system colour scheme with data-theme="auto", live', async () => {
    const page = await visit(`${allowed.origin}/auto`);
    await widget(page).input.waitFor();
    const panelBg = () => page.evaluate(() => getComputedStyle(document.querySelector('iskp-briefing')!.shadowRoot!.querySelector('.panel')!).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(panelBg).toBe('rgb(22, 24, 29)');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(panelBg).not.toBe('rgb(22, 24, 29)');
  });

  it('renders an XSS attempt in the question as text and runs nothing', async () => {
    const page = await visit(`${allowed.origin}/plain`);
    const w = widget(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
    const attack = `<img src=x onerror="window.__xss = 1; alert(1)"><script>window.__xss = 2</script>`;
    await w.launcher.click();
    await w.ask(attack);
    expect(await page.locator('iskp-briefing .msg.user').last().textContent()).toBe(attack);
    expect(await page.locator('iskp-briefing img, iskp-briefing script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('renders tampered stored conversation as text too', async () => {
    const page = await visit(`${allowed.origin}/plain`);
    const w = widget(page);
    await w.launcher.waitFor();
    const payload = '<img src=x onerror="window.__xss=1">';
    await page.evaluate(
      ({ key, payload }) =>
        sessionStorage.setItem(key, JSON.stringify({ v: 1, open: true, entries: [
          { kind: 'question', text: payload },
          { kind: 'answer', response: { answer: `${payload} [1]`, answerable: true, mode: 'extractive', query: '', followUps: [payload],
            citations: [{ n: 1, sourceId: 'x', kind: 'reference', title: payload, authors: [payload], year: 2024, container: payload, publisher: null, quote: payload }] } },
        ] })),
      { key: `iskp-briefing:${server.url}`, payload },
    );
    await page.reload();
    await w.lastAnswer.getByRole('button', { name: 'Source 1' }).click();
    expect(await w.dialog.locator('blockquote').textContent()).toBe(payload);
    expect(await page.locator('iskp-briefing img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('adds exactly one global, window.IskpBriefing, and drives open, ask and close through it', async () => {
    const page = await visit(`${allowed.origin}/plain`);
    const w = widget(page);
    await w.launcher.waitFor();
    const globals = () => page.evaluate(() => Object.getOwnPropertyNames(window));
    const withWidget = await globals();
    await page.goto(`${allowed.origin}/bare`);
    const without = await globals();
    expect(withWidget.filter((name) => !without.includes(name))).toEqual(['IskpBriefing']);

    await page.goto(`${allowed.origin}/plain`);
    await w.launcher.waitFor();
    await page.evaluate(() => window.IskpBriefing!.open());
    await w.input.waitFor();
    await page.evaluate(() => window.IskpBriefing!.close());
    await w.launcher.waitFor();
    await page.evaluate(() => window.IskpBriefing!.ask('Who wrote the paper?'));
    expect(await w.lastAnswer.textContent()).toContain('Tassev');
  });

  it('takes title, greeting, accent, position, theme, open-on-load and endpoint from data-* attributes', async () => {
    const page = await visit(`${allowed.origin}/options`);
    const w = widget(page);
    await w.input.waitFor(); // data-open: open without a click
    expect(await page.getByRole('region', { name: 'Paper desk' }).isVisible()).toBe(true);
    expect(await w.log.textContent()).toContain('Ask the desk.');
    const look = await page.evaluate(() => {
      const host = document.querySelector('iskp-briefing')!;
      const panel = host.shadowRoot!.querySelector('.panel')!;
      return { theme: host.getAttribute('data-theme'), accent: getComputedStyle(host.shadowRoot!.querySelector('.send')!).backgroundColor, bg: getComputedStyle(panel).backgroundColor, left: panel.getBoundingClientRect().left };
    });
    expect(look).toEqual({ theme: 'dark', accent: 'rgb(225, 29, 72)', bg: 'rgb(22, 24, 29)', left: 20 });
    const answer = await w.ask('Who wrote the paper?');
    expect(await answer.textContent()).toContain('Tassev');
    // Focus is not stolen by opening on load, but Esc from inside still returns it to the launcher.
    await w.input.focus();
    await page.keyboard.press('Escape');
    await w.launcher.waitFor();
  });
});

/** Computed styles and boxes of the widget's parts, to compare between host pages. */
function widgetStyles(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const root = document.querySelector('iskp-briefing')!.shadowRoot!;
    const props = ['color', 'background-color', 'font-family', 'font-size', 'font-style', 'line-height', 'display', 'padding-top', 'margin-top', 'border-top-width', 'opacity', 'visibility', 'letter-spacing', 'position'];
    const parts = ['.launcher', '.panel', '.head-title', 'textarea', '.send', '.msg.user', '.msg.bot[data-state="done"] p', 'button.cite', '.chip', '.sources'];
    return Object.fromEntries(
      parts.map((sel) => {
        const el = root.querySelector(sel);
        if (!el) return [sel, 'missing'];
        const cs = getComputedStyle(el);
        return [sel, `${props.map((p) => `${p}=${cs.getPropertyValue(p)}`).join('; ')} | ${JSON.stringify(el.getBoundingClientRect())}`];
      }),
    );
  });
}
