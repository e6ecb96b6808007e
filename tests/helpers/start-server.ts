import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Every log line the server printed so far. */
  logs: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Node's arguments for the server from its sources, as `npm run dev` runs it. */
export const FROM_SOURCES = ['--import', 'tsx', 'src/runtime/node/server.ts'];

/**
 * Starts the real Node entry point (`src/runtime/node/server.ts` unless `args` says otherwise) on
 * 127.0.0.1 with a free port and a fresh DATA_DIR, and resolves once `/readyz` answers 200. Extra
 * environment variables override.
 */
export async function startServer(env: Record<string, string> = {}, { waitReady = true, timeoutMs = 60_000, args = FROM_SOURCES } = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, args, {
    cwd: join(import.meta.dirname, '../..'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: '0',
      EMBEDDER: 'lexical',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'iskp-data-')),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let buffered = '';
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    logs.push(...lines);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + timeoutMs;
  // A server that did not come up is stopped, not left running after the test that started it.
  const fail = (message: string) => {
    if (child.exitCode === null) child.kill('SIGKILL');
    return new Error(`${message}:\n${logs.join('\n')}`);
  };
  let url: string | undefined;
  while (!url) {
    if (child.exitCode !== null) throw fail(`server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw fail('server did not listen in time');
    url = logs.map((l) => /"msg":"listening","url":"([^"]+)"/.exec(l)?.[1]).find(Boolean);
    if (!url) await new Promise((r) => setTimeout(r, 50));
  }
  while (waitReady) {
    if (Date.now() > deadline) throw fail('server not ready in time');
    const res = await fetch(`${url}/readyz`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    process: child,
    logs,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
