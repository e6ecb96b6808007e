import { readFile } from 'node:fs/promises';
import { parseFeedbackJson, type FeedbackRecord } from '../../server/feedback/record';
import type { FeedbackStore } from '../../server/state/shared-state';
import { createJsonLinesWriter } from './json-lines';

/**
 * Votes in a JSON-lines file (`DATA_DIR/feedback.jsonl`): where one process keeps them, and where
 * any process puts them while Redis is unreachable. Another process (`npm run feedback`) reads the
 * same file; a line that is not a vote (hand-edited, cut short by a crash) is skipped.
 */
export function createFeedbackFile(path: string): FeedbackStore {
  const append = createJsonLinesWriter(path);
  return {
    append,
    async read() {
      const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return '';
        throw err;
      });
      const records: FeedbackRecord[] = [];
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        const record = parseFeedbackJson(line);
        if (record) records.push(record);
      }
      return records;
    },
  };
}
