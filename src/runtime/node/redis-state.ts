import { Redis } from 'ioredis';
import type { Logger } from '../../core/log';
import { parseFeedbackJson, type FeedbackRecord } from '../../server/feedback/record';
import type { SharedState } from '../../server/state/shared-state';

/** Every key this bot writes starts so, leaving the rest of a shared Redis alone. */
const PREFIX = 'iskp:';
const FEEDBACK_STREAM = `${PREFIX}feedback`;
/** The stream keeps about this many votes; XADD trims the oldest beyond it (`~`: in whole nodes, cheaply). */
export const FEEDBACK_CAP = 100_000;
/** Entries read per XRANGE call when the review reads the stream back. */
const READ_PAGE = 1000;

/**
 * One token bucket, refilled and taken from in one step on Redis's own clock (every instance
 * agrees on it, whatever their clocks say). Returns 0 when a token was taken, else the
 * milliseconds until one will be there. The key expires when the bucket would be full again, so
 * an idle client costs no memory.
 */
const TAKE_TOKEN = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = capacity
if saved[1] then
  tokens = math.min(capacity, tonumber(saved[1]) + math.max(0, now - tonumber(saved[2])) * rate)
end
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate) + 1000)
return wait
`;

type BotRedis = Redis & { takeToken(key: string, capacity: number, refillPerMs: number): Promise<number> };

export interface RedisStateOptions {
  logger: Logger;
  /** How long a command may take before it fails (and the caller falls back): a hung Redis must not hang requests. */
  commandTimeoutMs?: number;
}

/**
 * Shared state in Redis (`REDIS_URL`), for several instances behind one load balancer:
 * - a claim is `SET NX PX`: atomic, so of two instances claiming one key exactly one wins;
 * - a bucket is one Lua script per request (TAKE_TOKEN);
 * - votes go to a Redis Stream capped at about FEEDBACK_CAP entries.
 * Commands fail fast rather than wait: no offline queue (a dead Redis fails a command at once) and
 * a short command timeout (a hung one fails it in `commandTimeoutMs`). ioredis reconnects by
 * itself; createFallbackState decides what a failed command means.
 */
export function createRedisState(url: string, { logger, commandTimeoutMs = 100 }: RedisStateOptions): { state: SharedState; ready: Promise<void>; close: () => Promise<void> } {
  const client = new Redis(url, {
    commandTimeout: commandTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    // Forever, backing off to one attempt every two seconds.
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
  }) as BotRedis;
  client.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
  // Connection errors repeat on every reconnect attempt; the fallback logs the outage once.
  client.on('error', (err: Error) => logger.debug('redis connection error', { error: String(err) }));
  const ready = new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
  });
  ready.catch(() => undefined);

  const state: SharedState = {
    async claim(key, ttlMs) {
      return (await client.set(`${PREFIX}claim:${key}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
    },
    async take(key, { capacity, refillPerMs }) {
      const wait = await client.takeToken(`${PREFIX}bucket:${key}`, capacity, refillPerMs);
      return wait === 0 ? { allowed: true } : { allowed: false, retryAfterMs: wait };
    },
    feedback: {
      async append(record) {
        await client.xadd(FEEDBACK_STREAM, 'MAXLEN', '~', FEEDBACK_CAP, '*', 'record', JSON.stringify(record));
      },
      async read() {
        const records: FeedbackRecord[] = [];
        for (let start = '-'; ; ) {
          const page = await client.xrange(FEEDBACK_STREAM, start, '+', 'COUNT', READ_PAGE);
          for (const [, fields] of page) {
            const record = parseFeedbackJson(fields[fields.indexOf('record') + 1]);
            if (record) records.push(record);
          }
          if (page.length < READ_PAGE) return records;
          start = `(${page.at(-1)![0]}`;
        }
      },
    },
  };
  return {
    state,
    ready,
    close: async () => {
      client.disconnect();
    },
  };
}
