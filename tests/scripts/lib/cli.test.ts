import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const run = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });

describe('runCli()', () => {
  it.each([
    ['npm run ingest', 'scripts/ingest.ts', []],
    ['npm run ask', 'scripts/ask.ts', ['Who wrote the paper?']],
    ['npm run eval', 'scripts/eval.ts', []],
    ['npm run build:worker-index', 'scripts/build-worker-index.ts', []],
  ])('%s names a bad environment variable and exits 1, without a stack trace', (_, script, args) => {
    const { status, stderr, stdout } = run(script, args, { PORT: 'eighty' });
    expect(status).toBe(1);
    expect(stderr).toContain('Invalid configuration:\n  PORT:');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it('npm run build:worker-index names an embedder Workers cannot run, without a stack trace', () => {
    const { status, stderr } = run('scripts/build-worker-index.ts', [], { EMBEDDER: 'transformers' });
    expect(status).toBe(1);
    expect(stderr).toContain('EMBEDDER=transformers cannot embed questions on Workers');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
