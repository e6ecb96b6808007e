/** The shared-state row: `/api/ask` with its rate-limit bucket in Redis (REDIS_URL) against in process, same rounds. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startRedis } from '../lib/redis-server';
import { ASK, relativeToFirst, type ApiResult } from './api';
import { measureAlternating, type LoadOptions } from './http-load';
import { postJson, spawnServer, waitReady } from './server';

/** Every request takes a token and none is refused: the limiter runs on every question without shaping the load. */
const UNREACHED_LIMIT = '1000000';

/**
 * Two servers alike but for REDIS_URL, loaded in turns: the Redis one's `/api/ask` throughput
 * relative to the in-process one's. The rate limit is on (and out of reach) on both, so each
 * question costs the Redis one a round trip, the Lua bucket script.
 */
export async function benchSharedState(opts: Omit<LoadOptions, 'url'>): Promise<ApiResult[]> {
  const redis = await startRedis();
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'iskp-bench-state-')));
  const [local, shared] = await Promise.all([
    spawnServer({ DATA_DIR: dirs[0]!, RATE_LIMIT_PER_MINUTE: UNREACHED_LIMIT }),
    spawnServer({ DATA_DIR: dirs[1]!, RATE_LIMIT_PER_MINUTE: UNREACHED_LIMIT, REDIS_URL: redis.url }),
  ]);
  try {
    await Promise.all([waitReady(local), waitReady(shared)]);
    const server = (s: typeof local) => ({ url: s.url, pid: s.process.pid });
    const targets = [
      { ...ASK, name: 'POST /api/ask, state in process', server: server(local) },
      { ...ASK, name: 'POST /api/ask, state in Redis (REDIS_URL)', server: server(shared) },
    ];
    const results = relativeToFirst(await measureAlternating(targets, { ...opts, url: local.url }));
    // A bucket expires about a second after its last token: one more question, so the check sees it however the rounds ended.
    await postJson(`${shared.url}/api/ask`, ASK.bodies![0]);
    await checkBucketInRedis(redis.url);
    return results;
  } finally {
    await Promise.all([local.stop(), shared.stop()]);
    await redis.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** A fast row that never reached Redis would be no result: the load's client must have a bucket there. */
async function checkBucketInRedis(url: string): Promise<void> {
  const probe = new Redis(url);
  try {
    if (!(await probe.exists('iskp:bucket:127.0.0.1'))) throw new Error('the Redis server took no token: REDIS_URL was not in use');
  } finally {
    probe.disconnect();
  }
}
