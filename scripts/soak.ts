/**
 * `npm run soak [-- --seconds 60 --rate 50 --slow-seconds 25]`: a fixed request rate against a local server on
 * 127.0.0.1 for a bounded time, mixing good and hostile requests (scripts/soak/traffic.ts). Reports
 * statuses per kind of request, latency percentiles, and the server's resident memory at start,
 * after warm-up and at the end. Exits 1 on any 5xx or failed request, or when memory grew more
 * than 20% after warm-up. Then the adversarial phase (scripts/soak/adversarial-phase.ts): worst
 * cases for regular expressions at the API's limits, one at a time, with /healthz probed
 * throughout; it exits 1 too when one of them takes longer than 50 ms. Last, the slow-client phase
 * (scripts/soak/slow-clients.ts) against a second server with the production defaults (no
 * TRUST_PROXY): slowloris and trickled bodies from other addresses while an honest client asks;
 * it exits 1 when an honest request fails or the server holds more sockets than its caps allow.
 * Not part of `npm test`: it takes a minute and a half on purpose.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONNECTION_LIMITS } from '../src/runtime/node/connection-limits';
import { spawnServer, waitReady } from './bench/server';
import { adversarialPhase, ADVERSARIAL_TARGET_MS, SLACK_SIGNING_SECRET } from './soak/adversarial-phase';
import { percentile, table } from './bench/stats';
import { rssMb } from './soak/rss';
import { ATTACKERS, HONEST_SOCKETS, slowClientPhase } from './soak/slow-clients';
import { shot } from './soak/traffic';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, rate: { type: 'string', default: '50' }, 'slow-seconds': { type: 'string', default: '25' } } });
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const slowSeconds = Number(values['slow-seconds']);
if (!(seconds > 0 && rate > 0 && slowSeconds > 0)) throw new Error('--seconds, --rate and --slow-seconds must be positive numbers');
const warmupSeconds = Math.min(10, seconds / 6);
const MAX_GROWTH = 0.2;

interface Row {
  statuses: Map<string, number>;
  latencies: number[];
}
const rows = new Map<string, Row>();
const row = (kind: string) => rows.get(kind) ?? rows.set(kind, { statuses: new Map(), latencies: [] }).get(kind)!;
const count = (r: Row, status: string) => r.statuses.set(status, (r.statuses.get(status) ?? 0) + 1);

// Production defaults (rate limit on, logs at info) except TRUST_PROXY, so the soak can be many clients.
// Slack on, so the adversarial phase can send signed mentions; its Web API is a closed port.
const server = await spawnServer({ RATE_LIMIT_PER_MINUTE: '30', TRUST_PROXY: 'true', LOG_LEVEL: 'info', SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-soak', SLACK_API_URL: 'http://127.0.0.1:9/api' });
try {
  await waitReady(server);
  const pid = server.process.pid!;
  const memory: { at: string; mb: number | undefined }[] = [{ at: 'start (ready)', mb: await rssMb(pid) }];
  console.error(`soak: ${rate} req/s for ${seconds} s against ${server.url} (pid ${pid}), warm-up ${warmupSeconds} s`);

  // A sample every 10 s as well: a plateau and a steady climb can end at the same figure.
  const trend: number[] = [];
  const sampler = setInterval(() => void rssMb(pid).then((mb) => mb && trend.push(Math.round(mb))), 10_000);

  const started = performance.now();
  const total = Math.floor(seconds * rate);
  const inFlight = new Set<Promise<void>>();
  let late = 0;
  let warmedUp = false;
  for (let n = 0; n < total; n++) {
    // Open loop: request n goes at its own time, however slow the earlier ones are.
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else if (wait < -100) late++;
    if (!warmedUp && performance.now() - started >= warmupSeconds * 1000) {
      warmedUp = true;
      memory.push({ at: `after warm-up (${warmupSeconds} s)`, mb: await rssMb(pid) });
    }
    const { kind, path, init } = shot(n);
    const t0 = performance.now();
    const p = fetch(`${server.url}${path}`, init)
      .then(async (res) => {
        await res.arrayBuffer();
        const r = row(kind);
        r.latencies.push(performance.now() - t0);
        count(r, String(res.status));
      })
      .catch((err: unknown) => {
        count(row(kind), `failed: ${String((err as Error).cause ?? err).slice(0, 60)}`);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  clearInterval(sampler);
  const elapsed = (performance.now() - started) / 1000;
  memory.push({ at: 'end', mb: await rssMb(pid) });

  const all = [...rows.values()];
  const statuses = (r: Row) => [...r.statuses].sort().map(([s, n]) => `${s}×${n}`).join(' ');
  const ms = (xs: number[], p: number) => Math.round(percentile(xs, p));
  console.log(`\n${total} requests in ${elapsed.toFixed(1)} s (${(total / elapsed).toFixed(1)} req/s achieved, ${late} sent >100 ms late)\n`);
  console.log(
    table(
      ['requests', 'statuses', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
      [...rows].sort(([a], [b]) => a.localeCompare(b)).map(([kind, r]) => [kind, statuses(r), ms(r.latencies, 50), ms(r.latencies, 90), ms(r.latencies, 99), ms(r.latencies, 100)]),
    ),
  );
  const latencies = all.flatMap((r) => r.latencies);
  console.log(`\nall requests: p50 ${ms(latencies, 50)} ms, p90 ${ms(latencies, 90)} ms, p99 ${ms(latencies, 99)} ms, max ${ms(latencies, 100)} ms\n`);
  console.log(table(['server memory (RSS)', 'MB'], memory.map((m) => [m.at, m.mb ?? 'n/a'])));
  console.log(`\nRSS every 10 s (MB): ${trend.join(' ') || 'n/a'}`);

  const serverErrors = all.reduce((sum, r) => sum + [...r.statuses].filter(([s]) => s.startsWith('5') || s.startsWith('failed')).reduce((a, [, n]) => a + n, 0), 0);
  const [warm, end] = [memory[1]?.mb, memory[2]?.mb];
  const growth = warm && end ? (end - warm) / warm : undefined;
  console.log(`\n5xx or failed: ${serverErrors}; memory after warm-up → end: ${growth === undefined ? 'n/a' : `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%`} (limit +${MAX_GROWTH * 100}%)`);

  const adversarial = await adversarialPhase(server.url);
  console.log('\nAdversarial phase: worst cases for regular expressions at the limits, one request at a time\n');
  console.log(table(['route', 'requests', 'statuses', 'worst ms', 'worst case'], adversarial.rows.map((r) => [r.route, r.requests, r.statuses, r.worstMs.toFixed(1), r.worstCase])));
  const { health } = adversarial;
  console.log(`\n/healthz: p50 ${health.quietP50.toFixed(1)} ms, max ${health.quietMax.toFixed(1)} ms before; p50 ${health.duringP50.toFixed(1)} ms, max ${health.duringMax.toFixed(1)} ms during`);
  console.log(`worst adversarial request: ${adversarial.worstMs.toFixed(1)} ms (target ≤ ${ADVERSARIAL_TARGET_MS} ms)`);
  process.exitCode = serverErrors > 0 || (growth ?? 0) > MAX_GROWTH || adversarial.worstMs > ADVERSARIAL_TARGET_MS ? 1 : 0;
} finally {
  await server.stop();
}

// Production defaults but for the rate limit, which the honest client would otherwise run into:
// without TRUST_PROXY each address is a client, and the per-client cap applies.
const slowDataDir = mkdtempSync(join(tmpdir(), 'iskp-soak-slow-'));
const slowServer = await spawnServer({ DATA_DIR: slowDataDir });
try {
  await waitReady(slowServer);
  console.error(`soak: slow clients for ${slowSeconds} s against ${slowServer.url} (pid ${slowServer.process.pid})`);
  const slow = await slowClientPhase(slowServer.url, slowServer.process.pid!, slowSeconds);
  const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  console.log(`\nSlow-client phase: ${slow.seconds} s of slowloris and trickled bodies from other addresses, an honest client asking throughout\n`);
  console.log(
    table(
      ['honest requests', 'quiet: requests', 'p50 ms', 'p99 ms', 'max ms', 'during: requests', 'failed', 'p50 ms', 'p99 ms', 'max ms'],
      slow.probes.map(({ route, quiet, during }) => [route, quiet.requests, ms(quiet.p50), ms(quiet.p99), ms(quiet.max), during.requests, during.failed, ms(during.p50), ms(during.p99), ms(during.max)]),
    ),
  );
  console.log('');
  console.log(
    table(
      ['attack', 'connections', 'refused at once', 'closed with 408', 'median s to 408', 'open at the end', 'other'],
      slow.closes.map((c) => [c.attack, c.opened, c.refused, c.timedOut408, ms(c.medianSecondsTo408), c.heldToEnd, c.other]),
    ),
  );
  const { baseline, peak, limit } = slow.sockets;
  console.log(`\nserver sockets: ${baseline} before, at most ${peak} during (limit ${limit}: before + ${ATTACKERS.length} attackers × ${CONNECTION_LIMITS.perClient} + ${HONEST_SOCKETS} honest)`);
  const failed = slow.probes.reduce((n, p) => n + p.during.failed, 0);
  if (failed > 0 || peak > limit) process.exitCode = 1;
} finally {
  await slowServer.stop();
  rmSync(slowDataDir, { recursive: true, force: true });
}
