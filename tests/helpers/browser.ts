import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); playwright-core downloads no browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/**
 * Headless Chromium for browser tests. It throws (and so fails the suite, never skips it) when the
 * browser is missing or cannot start: a widget that was never run in a browser is not tested.
 */
export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (err) {
    throw new Error(`Chromium did not start from ${CHROMIUM_PATH} (install it: apt-get install -y chromium): ${String(err)}`);
  }
}

/** A fresh page of `owner` (a browser or a context) at `url`, with every console error and page error it raises (a CSP refusal is one). */
export async function openWatched(owner: Pick<Browser, 'newPage'> | Pick<BrowserContext, 'newPage'>, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await owner.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(url);
  return { page, problems };
}
