import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Every regular expression in src/ and scripts/ is proven free of super-linear backtracking and
 * super-linear moves by eslint-plugin-regexp (rules in eslint.config.js): a pattern that can go
 * quadratic or worse lets one request stall the bot. A finding names the file, line and pattern.
 */
describe('the regular-expression screen', () => {
  it('finds no pattern in src/ or scripts/ that can take super-linear time', async () => {
    const results = await new ESLint({ cwd: new URL('../..', import.meta.url).pathname }).lintFiles(['src', 'scripts']);
    const findings = results.flatMap((r) => r.messages.map((m) => `${r.filePath.replace(/^.*?\/(src|scripts)\//, '$1/')}:${m.line}:${m.column} ${m.message}`));
    expect(findings).toEqual([]);
  }, 60_000);
});
