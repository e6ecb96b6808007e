import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../../core/log';
import { addressKey } from '../../server/http/client-key';

/**
 * How many connections the Node server holds, and for how long one may sit idle.
 * - `perClient`, 32: a browser opens at most 6 to one host, so this is room for a few people
 *   behind one address (an office's NAT), and a sixteenth of `total`, so no one address can take
 *   more. Off (0) behind TRUST_PROXY, where every connection comes from the proxy.
 * - `total`, 512: half the 1,024 file descriptors a process is often allowed, leaving the rest to
 *   the index, the answer threads, Redis and the logs. Raise the descriptor limit before raising it.
 * - `idleMs`, 2 minutes: a socket with no traffic either way, such as a client that stopped
 *   reading its answer, is closed. Requests arriving are timed apart (client-timeouts.ts).
 */
export const CONNECTION_LIMITS = { perClient: 32, total: 512, idleMs: 120_000 } as const;

export interface ConnectionLimitOptions {
  perClient: number;
  total: number;
  idleMs: number;
  logger: Pick<Logger, 'warn'>;
  now?: () => number;
}

/** At most one log line per reason this often, with the count since the last: a flood of refusals must not flood the log. */
const LOG_EVERY_MS = 10_000;

/**
 * Refuses connections past the limits by closing them at once (the client sees the connection
 * reset, as with any full server), and closes idle ones. A client is its address, an IPv6 one its
 * /64 (client-key.ts), so one host cannot pass for many.
 */
export function limitConnections(server: Server, { perClient, total, idleMs, logger, now = Date.now }: ConnectionLimitOptions): void {
  server.maxConnections = total;
  server.setTimeout(idleMs);
  const full = throttled(() => logger.warn('connections refused', { reason: 'server full', limit: total, refused: full.count() }), now);
  server.on('drop', full);
  if (!perClient) return;
  const perClientFull = throttled(() => logger.warn('connections refused', { reason: 'too many from one client', limit: perClient, refused: perClientFull.count() }), now);
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const client = addressKey(socket.remoteAddress) ?? 'unknown';
    const held = open.get(client) ?? 0;
    if (held >= perClient) {
      socket.destroy();
      perClientFull();
      return;
    }
    open.set(client, held + 1);
    socket.once('close', () => {
      const left = open.get(client)! - 1;
      if (left > 0) open.set(client, left);
      else open.delete(client);
    });
  });
}

/** `log` runs on the first call and then at most once per LOG_EVERY_MS; `count()` is the calls since it last ran. */
function throttled(log: () => void, now: () => number): (() => void) & { count(): number } {
  let last = -Infinity;
  let calls = 0;
  const note = () => {
    calls++;
    if (now() - last < LOG_EVERY_MS) return;
    log();
    last = now();
    calls = 0;
  };
  return Object.assign(note, { count: () => calls });
}
