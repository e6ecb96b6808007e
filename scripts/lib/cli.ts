import { ConfigError } from '../../src/config';
import { IndexTooLargeError } from '../../src/runtime/node/vectra-store';
import type { Citation } from '../../src/core/answer/types';

/**
 * Runs a command-line script's body. A failure the user can fix (a bad environment variable, a
 * corpus too large for the index) prints its message alone and exits 1; anything else is a bug
 * and keeps its stack trace.
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (!(err instanceof ConfigError || err instanceof IndexTooLargeError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  }
}

/** "Sources:" and each citation as a numbered line, its verbatim quote and its page's link. */
export const sourceList = (citations: readonly Citation[]): string =>
  `Sources:\n${citations.map((c) => `  [${c.n}] ${c.authors.join(', ') || c.publisher} (${c.year ?? 'n.d.'}). ${c.title}.\n      “${c.quote}”\n      ${c.url}`).join('\n')}`;
