/**
 * Runs the real Node entry point as a child process, the way `npm start` does: bundled, by plain
 * Node. Not the test helper: that one finds its port in the info-level log, and the bench runs at
 * LOG_LEVEL=warn so that logging is not what it measures; here the port is chosen up front instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { basename, join } from 'node:path';
import { buildServer } from '../build-server';
import { freePort } from '../lib/free-port';

const ROOT = join(import.meta.dirname, '../..');

export interface BenchServer {
  url: string;
  process: ChildProcess;
  /** performance.now() just before the spawn, for cold-start timing. */
  spawnedAt: number;
  stop(): Promise<void>;
}

/** Environment of every bench server: extractive answers, lexical embedder, no limiter, quiet logs. */
export const BENCH_ENV = { EMBEDDER: 'lexical', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' } as const;

/** Each entry bundled once per bench run, before any timing starts. */
const bundles = new Map<string, Promise<string>>();
function bundled(entry: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) bundles.set(entry, (bundle = buildServer(entry, `dist/bench/${basename(entry, '.ts')}`)));
  return bundle;
}

/** Starts `entry` (the app's Node entry point unless told otherwise) on a free port. */
export async function spawnServer(env: Record<string, string>, entry = 'src/runtime/node/server.ts'): Promise<BenchServer> {
  const file = await bundled(entry);
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', file], {
    cwd: ROOT,
    // Only what the server needs: an inherited OPENAI_* variable would switch answers to a model.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: String(port), ...BENCH_ENV, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    spawnedAt,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls until `probe` resolves true; returns performance.now() at that moment. */
export async function waitFor(probe: () => Promise<boolean>, { timeoutMs = 60_000, everyMs = 5 } = {}): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await probe().catch(() => false)) return performance.now();
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`gave up after ${timeoutMs} ms`);
}

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

export async function waitReady(server: BenchServer): Promise<void> {
  await waitFor(async () => (await fetch(`${server.url}/readyz`)).status === 200, { everyMs: 50 });
}
