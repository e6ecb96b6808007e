import type { Page } from 'playwright-core';
import type { AskResponse } from '../../../../src/core/answer/types';

/** The widget as a reader meets it: found by role and name (the accessibility contract), not by class. */
export function widget(page: Page) {
  const answers = page.locator('iskp-briefing [data-state="done"]');
  return {
    launcher: page.getByRole('button', { name: 'Open chat' }),
    input: page.getByRole('textbox', { name: 'Ask a question' }),
    send: page.getByRole('button', { name: 'Send' }),
    log: page.getByRole('log'),
    dialog: page.getByRole('dialog'),
    answers,
    lastAnswer: answers.last(),
    errors: page.locator('iskp-briefing').getByRole('alert'),

    /** Asks through the UI and waits for the complete answer. */
    async ask(question: string) {
      const before = await answers.count();
      await this.input.fill(question);
      await this.send.click();
      await answers.nth(before).waitFor();
      return answers.nth(before);
    },
  };
}

/** Which element inside the widget has focus, by accessible name (aria-label, else text). */
export function focusedName(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.querySelector('iskp-briefing')?.shadowRoot?.activeElement;
    if (!active) return null;
    return active.getAttribute('aria-label') ?? active.textContent?.trim() ?? null;
  });
}

/** The response the API gives for a question, to compare the widget against. */
export async function apiAnswer(serverUrl: string, question: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${serverUrl}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ question }) });
  return (await res.json()) as AskResponse;
}
