import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** What the pages are held to: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'] as const;

/** A rule switched off for one check, with the reason it does not apply; each one is a debt to repay. */
export interface AxeException {
  rule: string;
  reason: string;
}

/**
 * Runs axe-core over `page` as it is now (open shadow roots included) and returns its violations,
 * each as readable text: rule, impact, the elements it found and where to read about it. Empty
 * means none.
 */
export async function axeViolations(page: Page, exceptions: readonly AxeException[] = []): Promise<string[]> {
  // Legacy mode: axe.run in the page itself, twice as fast as runPartial here and finishRun in a
  // blank page. What it gives up, cross-origin frames, our pages do not have.
  let builder = new AxeBuilder({ page }).withTags([...AXE_TAGS]).setLegacyMode();
  if (exceptions.length) builder = builder.disableRules(exceptions.map((e) => e.rule));
  const { violations } = await builder.analyze();
  return violations.map(explain);
}

/** One violation as `rule (impact): help` with each offending element's selector and axe's summary of it. */
function explain(v: Result): string {
  const nodes = v.nodes.map((n) => `    ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' | ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`);
  return `${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
}
