/**
 * Throughput and latency of routes on one server, measured in alternating rounds: a route under
 * test and its reference (`/healthz`) take turns, so drift in the machine's speed (other
 * processes, thermal, GC of the load generator) hits both alike and their ratio stays fair.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { percentile } from './stats';

export interface Target {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Request bodies, sent in rotation by every connection. */
  bodies?: readonly unknown[];
  /** A fresh body for every request, whichever connection sends it (instead of `bodies`). */
  nextBody?: () => unknown;
  /** Another server than the run's (`LoadOptions.url`), and its process id: to compare two servers' routes in the same rounds. */
  server?: { url: string; pid?: number };
  /** Sent with every request (`Accept-Encoding`, to measure compression). */
  headers?: Record<string, string>;
}

export interface LoadResult {
  name: string;
  requests: number;
  seconds: number;
  rps: number;
  /** Throughput in each round, in the order measured: the spread that `rps` alone hides. */
  roundRps: number[];
  p50: number;
  p99: number;
  errors: number;
  /** CPU time the server process spent per request (Linux only): the cost under the noise of a shared machine. */
  cpuMsPerRequest: number;
}

export interface LoadOptions {
  url: string;
  /** The server's process id, for its CPU time. */
  pid?: number;
  rounds: number;
  secondsPerRound: number;
  connections: number;
  /**
   * Untimed load on every target before the first round: without it, whichever route ran first
   * paid for the JIT compiling the server's shared HTTP path, and its rivals looked better.
   */
  warmupSeconds: number;
}

export async function measureAlternating(targets: Target[], opts: LoadOptions): Promise<LoadResult[]> {
  const totals = targets.map((t) => ({ target: t, requests: 0, seconds: 0, errors: 0, cpuMs: 0, latencies: [] as number[], roundRps: [] as number[] }));
  for (const t of targets) if (opts.warmupSeconds > 0) await runLoad(t, { ...opts, url: t.server?.url ?? opts.url, secondsPerRound: opts.warmupSeconds }, []);
  for (let round = 0; round < opts.rounds; round++) {
    // Reverse the order every other round: whichever runs second inherits a warmer heap.
    const order = round % 2 ? [...totals].reverse() : totals;
    for (const t of order) {
      const { url, pid } = t.target.server ?? opts;
      const cpuBefore = cpuMs(pid);
      const r = await runLoad(t.target, { ...opts, url }, t.latencies);
      t.cpuMs += cpuMs(pid) - cpuBefore;
      t.requests += r.requests.total;
      t.seconds += r.duration;
      t.roundRps.push(r.requests.total / r.duration);
      t.errors += r.errors + r.timeouts + r.non2xx;
    }
  }
  return totals.map(({ target, requests, seconds, errors, cpuMs, latencies, roundRps }) => ({
    name: target.name,
    requests,
    seconds,
    rps: requests / seconds,
    roundRps,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    cpuMsPerRequest: cpuMs / requests,
  }));
}

/** One run of autocannon on `target` for `opts.secondsPerRound`, each response's latency pushed to `latencies`. */
export function runLoad(target: Target, opts: Pick<LoadOptions, 'url' | 'connections' | 'secondsPerRound'>, latencies: number[]) {
  const bodies = target.bodies ?? [undefined];
  const { nextBody } = target;
  const json = { ...JSON_HEADERS, ...target.headers };
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.secondsPerRound,
    requests: nextBody
      ? [{ method: target.method, path: target.path, headers: json, setupRequest: (req) => ({ ...req, body: JSON.stringify(nextBody()) }) }]
      : bodies.map((body) => ({
          method: target.method,
          path: target.path,
          ...(body === undefined ? (target.headers ? { headers: target.headers } : {}) : { headers: json, body: JSON.stringify(body) }),
        })),
  });
  // Every response's own time, so percentiles are over all rounds, not an average of per-round ones.
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  return instance;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** User + system CPU milliseconds of a process so far, from /proc; NaN where there is no /proc. */
function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 12th, stime the 13th, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop()!.trim().split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** USER_HZ: 100 on every mainstream Linux. */
const CLOCK_TICKS = 100;
