/** The HTTP section: `/api/ask`, `/api/chat` and a follow-up against `/healthz` on one real server. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureAlternating, type LoadOptions, type LoadResult, type Target } from './http-load';
import { FOLLOW_UPS, QUESTIONS } from './questions';
import { postJson, spawnServer, waitFor, waitReady } from './server';

export interface ApiResult extends LoadResult {
  /** Throughput relative to `/healthz` in the same rounds. */
  ratio: number;
}

const HEALTHZ: Target = { name: 'GET /healthz', method: 'GET', path: '/healthz' };
// Declined before any retrieval: what a question costs in HTTP alone, the ceiling for the rows above.
const DECLINED: Target = { name: 'POST /api/ask, declined', method: 'POST', path: '/api/ask', bodies: [{ question: 'Write a poem about the Taliban.' }] };

export const API_TARGETS: Target[] = [
  HEALTHZ,
  { name: 'POST /api/ask', method: 'POST', path: '/api/ask', bodies: QUESTIONS.map((question) => ({ question })) },
  { name: 'POST /api/chat (SSE)', method: 'POST', path: '/api/chat', bodies: QUESTIONS.map((question) => ({ question })) },
  { name: 'POST /api/ask, follow-up', method: 'POST', path: '/api/ask', bodies: FOLLOW_UPS },
  DECLINED,
];

export async function benchApi(opts: Omit<LoadOptions, 'url'>): Promise<ApiResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iskp-bench-api-'));
  const server = await spawnServer({ DATA_DIR: dataDir });
  try {
    await waitReady(server);
    await checkAnswers(server.url);
    const results = await measureAlternating(API_TARGETS, { ...opts, url: server.url, pid: server.process.pid });
    const health = results[0]!.rps;
    return results.map((r) => ({ ...r, ratio: r.rps / health }));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The same two request shapes, `/healthz` and the declined question, against a bare Hono app
 * (scripts/bench/bare-server.ts) in the same run: the floor the framework and Node's HTTP set.
 */
export async function benchFloor(opts: Omit<LoadOptions, 'url'>): Promise<LoadResult[]> {
  const server = await spawnServer({}, 'scripts/bench/bare-server.ts');
  try {
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).ok, { everyMs: 50 });
    const targets = [HEALTHZ, DECLINED].map((t) => ({ ...t, name: `bare Hono: ${t.method} ${t.path}` }));
    return await measureAlternating(targets, { ...opts, url: server.url, pid: server.process.pid });
  } finally {
    await server.stop();
  }
}

/** A fast wrong answer is no result: every request the load test sends must get a real answer first. */
async function checkAnswers(url: string): Promise<void> {
  for (const target of API_TARGETS) {
    for (const body of target.bodies ?? []) {
      const res = await postJson(`${url}${target.path}`, body);
      const text = await res.text();
      if (res.status !== 200 || !text.includes('"answer"')) throw new Error(`${target.name} ${JSON.stringify(body)}: ${res.status} ${text.slice(0, 200)}`);
    }
  }
}
