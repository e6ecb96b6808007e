import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Appends one JSON object per line to `path` (created with its folder on first use). Writes go one
 * after another, so records arriving together never interleave, and a failed write rejects its own
 * caller without blocking the next one.
 */
export function createJsonLinesWriter(path: string): (record: unknown) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  return (record) => {
    const line = `${JSON.stringify(record)}\n`;
    const write = queue.then(async () => {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, line, 'utf8');
    });
    queue = write.catch(() => undefined);
    return write;
  };
}
