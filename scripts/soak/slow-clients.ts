/**
 * The soak's slow-client phase: attackers on other loopback addresses each try to hold twice as
 * many connections as the server allows one client, half of them sending headers a line a second
 * (slowloris), half a body a byte a second, and open a new one whenever the server closes one.
 * Meanwhile an honest client asks `/healthz` and `/api/ask` throughout. Reports the honest
 * requests' latency against a quiet baseline, how the server closed the attackers' connections,
 * and the most sockets it held at once (from /proc, Linux).
 */
import { readdir, readlink } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { CONNECTION_LIMITS } from '../../src/runtime/node/connection-limits';
import { percentile } from '../bench/stats';

/** Each a client of its own to the server: Linux routes all of 127/8 to this machine. */
export const ATTACKERS = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'];
/** What each attacker tries to hold: twice the per-client cap, so the cap is what stops it. */
const TRIES_PER_ATTACKER = 2 * CONNECTION_LIMITS.perClient;
/** The honest client's sockets, at most: a probe loop for each route, one at a time. */
export const HONEST_SOCKETS = 4;
/** A refused attacker waits this long before it tries again, rather than spinning. */
const RETRY_MS = 250;

export interface ProbeStats {
  requests: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
}

export interface SlowClientReport {
  seconds: number;
  probes: { route: string; quiet: ProbeStats; during: ProbeStats }[];
  /** How the server ended the attackers' connections, by kind of attack. */
  closes: { attack: string; opened: number; refused: number; timedOut408: number; heldToEnd: number; other: number; medianSecondsTo408: number }[];
  sockets: { baseline: number; peak: number; limit: number };
}

/** Sockets the process holds (listening and connected), from /proc/<pid>/fd; NaN where there is no /proc. */
async function socketCount(pid: number): Promise<number> {
  try {
    const fds = await readdir(`/proc/${pid}/fd`);
    const links = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
    return links.filter((l) => l.startsWith('socket:')).length;
  } catch {
    return NaN;
  }
}

async function timed(url: string, init?: RequestInit): Promise<number | undefined> {
  const started = performance.now();
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    return res.status === 200 ? performance.now() - started : undefined;
  } catch {
    return undefined;
  }
}

function stats(samples: (number | undefined)[]): ProbeStats {
  const ok = samples.filter((s): s is number => s !== undefined);
  return { requests: samples.length, failed: samples.length - ok.length, p50: percentile(ok, 50), p99: percentile(ok, 99), max: Math.max(...ok) };
}

/** Each honest route asked in turn, one request at a time, until `until` passes. */
async function probe(baseUrl: string, until: number): Promise<Map<string, (number | undefined)[]>> {
  const routes: [string, () => Promise<number | undefined>][] = [
    ['GET /healthz', () => timed(`${baseUrl}/healthz`)],
    ['POST /api/ask', () => timed(`${baseUrl}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: "What is ISKP's strategy?" }) })],
  ];
  const samples = new Map(routes.map(([route]) => [route, [] as (number | undefined)[]]));
  await Promise.all(
    routes.map(async ([route, send]) => {
      while (performance.now() < until) {
        samples.get(route)!.push(await send());
        await new Promise((r) => setTimeout(r, 50));
      }
    }),
  );
  return samples;
}

interface Attack {
  name: string;
  /** What the attacker sends first, then `drip` once a second. */
  opening: string;
  drip: string;
}

const ATTACKS: Attack[] = [
  { name: 'slowloris: headers a line a second', opening: 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', drip: 'X-Slow: 1\r\n' },
  { name: 'slow body: a byte a second', opening: 'POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"question":"', drip: 'a' },
];

/** One attacker slot: a connection held as long as the server lets it, then another, until `until`. */
async function attack(port: number, from: string, kind: Attack, until: number, tally: SlowClientReport['closes'][number], secondsTo408: number[]): Promise<void> {
  while (performance.now() < until) {
    const outcome = await new Promise<'refused' | '408' | 'held' | 'other'>((resolve) => {
      const opened = performance.now();
      let reply = '';
      let held = false;
      const socket: Socket = connect({ port, host: '127.0.0.1', localAddress: from });
      const drip = setInterval(() => socket.writable && socket.write(kind.drip), 1_000);
      const stop = setTimeout(() => {
        held = true;
        socket.destroy();
      }, Math.max(0, until - performance.now()));
      socket.on('connect', () => socket.write(kind.opening));
      socket.on('data', (d) => (reply += d));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(drip);
        clearTimeout(stop);
        const ms = performance.now() - opened;
        if (reply.startsWith('HTTP/1.1 408')) {
          secondsTo408.push(ms / 1000);
          resolve('408');
        } else if (held) resolve('held');
        else resolve(reply === '' && ms < 1_000 ? 'refused' : 'other');
      });
    });
    tally.opened++;
    if (outcome === 'refused') tally.refused++;
    else if (outcome === '408') tally.timedOut408++;
    else if (outcome === 'held') tally.heldToEnd++;
    else tally.other++;
    if (outcome === 'refused') await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}

/** The phase against `baseUrl` (server process `pid`): a quiet baseline, then `seconds` of attack. */
export async function slowClientPhase(baseUrl: string, pid: number, seconds: number): Promise<SlowClientReport> {
  const port = Number(new URL(baseUrl).port);
  const baseline = await socketCount(pid);
  const quiet = await probe(baseUrl, performance.now() + 2_000);

  const until = performance.now() + seconds * 1000;
  let peak = baseline;
  const sampler = setInterval(() => void socketCount(pid).then((n) => (peak = Math.max(peak, n))), 100);
  const closes = ATTACKS.map((a) => ({ attack: a.name, opened: 0, refused: 0, timedOut408: 0, heldToEnd: 0, other: 0, medianSecondsTo408: NaN }));
  const times = ATTACKS.map(() => [] as number[]);
  const attackers = ATTACKERS.flatMap((from) =>
    Array.from({ length: TRIES_PER_ATTACKER }, (_, i) => attack(port, from, ATTACKS[i % ATTACKS.length]!, until, closes[i % ATTACKS.length]!, times[i % ATTACKS.length]!)),
  );
  const during = await probe(baseUrl, until);
  await Promise.all(attackers);
  clearInterval(sampler);
  closes.forEach((c, i) => (c.medianSecondsTo408 = percentile(times[i]!, 50)));

  return {
    seconds,
    probes: [...quiet.keys()].map((route) => ({ route, quiet: stats(quiet.get(route)!), during: stats(during.get(route)!) })),
    closes,
    sockets: { baseline, peak, limit: baseline + ATTACKERS.length * CONNECTION_LIMITS.perClient + HONEST_SOCKETS },
  };
}
