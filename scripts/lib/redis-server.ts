import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { connect } from 'node:net';

const REDIS_SERVER = '/usr/bin/redis-server';

export interface RunningRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port, with what it held (its append-only file is kept). */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and nothing answers, as a hung server. */
  pause(): void;
  resume(): void;
}

/**
 * A real `redis-server` (Debian's package, which `.ci/run` installs) on a free loopback port,
 * keeping its data in a temporary folder across restarts: for the tests and the bench rows where
 * instances share state. Stop it when done.
 */
export async function startRedis(): Promise<RunningRedis> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing: apt-get install redis-server (.ci/run does)`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'iskp-redis-'));
  let child = await launch(port, dir);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGCONT');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    async restart() {
      await stop();
      child = await launch(port, dir);
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  };
}

async function launch(port: number, dir: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--daemonize', 'no', '--loglevel', 'warning'];
  const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const started = Date.now();
  child.stdout!.on('data', (c: Buffer) => void (output += c));
  child.stderr!.on('data', (c: Buffer) => void (output += c));
  // Ready when it accepts a connection; at loglevel warning it prints nothing on a clean start.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${output}`);
    if (await accepts(port)) return child;
    if (Date.now() - started > 10_000) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on ${port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
