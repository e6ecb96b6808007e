import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonLinesWriter } from '../../../src/runtime/node/json-lines';

describe('JSON-lines writer (Node feedback file)', () => {
  it('creates the folder and appends one whole line per record, even when records arrive together', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'iskp-jsonl-')), 'nested', 'feedback.jsonl');
    const write = createJsonLinesWriter(path);
    await Promise.all(Array.from({ length: 50 }, (_, i) => write({ i, text: 'x\ny'.repeat(i) })));
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('rejects a failed write to its caller and keeps writing the next ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iskp-jsonl-'));
    const write = createJsonLinesWriter(dir); // a folder: appending to it fails
    await expect(write({ a: 1 })).rejects.toThrow();
    const ok = createJsonLinesWriter(join(dir, 'f.jsonl'));
    await ok({ b: 2 });
    expect(readFileSync(join(dir, 'f.jsonl'), 'utf8')).toBe('{"b":2}\n');
  });
});
