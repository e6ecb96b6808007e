import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;

/**
 * The three rings of src/ (README, "Project layout"), as .dependency-cruiser.cjs states them: no
 * circular imports; the core imports nothing outside itself (no server, runtime, config, Node
 * module or hono); the server imports no runtime and no Node module; no channel imports another;
 * no orphan modules. Type-only imports count.
 */
describe('the architecture', () => {
  it('keeps every import pointing inward, with no cycle, and no channel importing another', async () => {
    const result = await run(process.execPath, ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: ROOT }).catch(
      (err: { stdout: string; stderr: string }) => err,
    );
    expect(`${result.stdout}${result.stderr}`).toContain('no dependency violations found');
  }, 60_000);

  it('uses no Node global in the core or the server, which run on Workers too (imports are the rule file’s job)', async () => {
    const found: string[] = [];
    for (const ring of ['src/core', 'src/server']) {
      for (const file of await readdir(`${ROOT}${ring}`, { recursive: true })) {
        if (!file.endsWith('.ts')) continue;
        // Comments may name them; code may not.
        const source = (await readFile(`${ROOT}${ring}/${file}`, 'utf8')).replace(/\/\*[\s\S]*?\*\/|(?<![:'"])\/\/.*/g, '');
        for (const m of source.matchAll(/\bBuffer\.|(?<![\w-])process\.|\brequire\(|__dirname/g)) found.push(`${ring}/${file}: ${m[0]}`);
      }
    }
    expect(found).toEqual([]);
  });
});
