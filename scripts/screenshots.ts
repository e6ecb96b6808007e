import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../tests/helpers/start-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/browser';

/**
 * `npm run screenshots`: the widget's states as PNGs under docs/screenshots/, from the real server
 * and the demo page. Not part of `npm test`; rerun after visual changes and look at the images.
 */
const OUT = join(import.meta.dirname, '../docs/screenshots');
await mkdir(OUT, { recursive: true });

const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const shoot = async (name: string, setup: (page: Page) => Promise<void>, options: { width?: number; height?: number; dark?: boolean } = {}) => {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 820 },
      deviceScaleFactor: 2,
      colorScheme: options.dark ? 'dark' : 'light',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await setup(page);
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    await context.close();
    console.log(`docs/screenshots/${name}.png`);
  };

  const ask = async (page: Page, question: string) => {
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Ask a question' }).fill(question);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('[data-state="done"]').last().waitFor();
  };

  await shoot('closed', async () => {});
  await shoot('open', async (page) => {
    await page.getByRole('button', { name: 'Open chat' }).click();
  });
  await shoot('answering', async (page) => {
    // Hold the stream after its first pieces (and the fallback), to catch the answer mid-flight.
    const real = await (await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'What is ISKP?' }) })).text();
    const partial = real.split('\n\n').slice(0, 3).join('\n\n') + '\n\n';
    await page.route('**/api/chat', (route) => route.fulfill({ status: 200, contentType: 'text/event-stream', body: partial }));
    await page.route('**/api/ask', () => new Promise(() => {}));
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Ask a question' }).fill('What is ISKP?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('[data-state="streaming"] p').first().waitFor();
  });
  await shoot('answer', (page) => ask(page, 'What happened in Iran on January 3?'));
  await shoot('source-card', async (page) => {
    await ask(page, 'Which references did the CTC Sentinel publish?');
    await page.getByRole('button', { name: 'Source 1' }).click();
    await page.getByRole('dialog').waitFor();
  });
  await shoot('abstention', (page) => ask(page, 'What is the capital of France?'));
  await shoot('dark', (page) => ask(page, 'What did Hamming write about?'), { dark: true });
  await shoot('dark-source-card', async (page) => {
    await ask(page, 'Who wrote the paper?');
    await page.getByRole('button', { name: 'Source 1' }).click();
  }, { dark: true });
  await shoot('mobile-closed', async () => {}, { width: 375, height: 740 });
  await shoot('mobile', (page) => ask(page, 'What is ISKP?'), { width: 375, height: 740 });
  await shoot('mobile-source-card', async (page) => {
    await ask(page, 'What is ISKP?');
    await page.getByRole('button', { name: 'Source 1' }).click();
  }, { width: 375, height: 740 });
} finally {
  await browser.close();
  await server.stop();
}
