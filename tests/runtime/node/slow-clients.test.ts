import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION_LIMITS } from '../../../src/runtime/node/connection-limits';
import { startServer, type RunningServer } from '../../helpers/start-server';

const CLIENT_TIMEOUT_MS = 1_000;
/** Node checks its clocks every quarter of the timeout; then a busy 2-core machine's scheduling. */
const MARGIN_MS = 1_500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RawClient {
  socket: Socket;
  /** Everything the server sent. */
  reply: () => string;
  /** Resolves with the milliseconds from `open` until the server closed the connection. */
  closed: Promise<number>;
}

/** A raw TCP client from `from` (any 127/8 address reaches this machine), so it can stall wherever a test wants. */
function open(url: string, from = '127.0.0.1'): Promise<RawClient> {
  const { port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect({ port: Number(port), host: '127.0.0.1', localAddress: from });
    let reply = '';
    socket.on('data', (d) => (reply += d));
    socket.on('error', () => {});
    const closed = new Promise<number>((r) => socket.on('close', () => r(Date.now() - started)));
    socket.once('connect', () => resolve({ socket, reply: () => reply, closed }));
    socket.once('error', reject);
  });
}

const headers = (path: string, length: number) => `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
const requestLines = (server: RunningServer) => server.logs.filter((l) => l.includes('"msg":"request"')).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('slow clients on the Node server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ CLIENT_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS), RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(() => server?.stop());

  it('answers a body that trickles in and stalls with 408 request_timeout as JSON and closes the connection, logged at info', async () => {
    const clients = await Promise.all(['/api/ask', '/mcp'].map(async (path) => {
      const client = await open(server.url);
      client.socket.write(`${headers(path, 200)}{"question":"Wh`);
      await sleep(200);
      client.socket.write('at is');
      return { path, client };
    }));
    for (const { path, client } of clients) {
      const ms = await client.closed;
      expect(ms, path).toBeGreaterThanOrEqual(CLIENT_TIMEOUT_MS);
      expect(ms, path).toBeLessThan(CLIENT_TIMEOUT_MS + MARGIN_MS);
      const reply = client.reply();
      expect(reply, path).toMatch(/^HTTP\/1\.1 408 /);
      expect(reply).toMatch(/\r\nconnection: close\r\n/i);
      expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'request_timeout' } });
    }
    await sleep(100);
    const lines = requestLines(server).filter((l) => l.status === 408);
    expect(lines.map((l) => [l.path, l.level]).sort()).toEqual([
      ['/api/ask', 'info'],
      ['/mcp', 'info'],
    ]);
    expect(server.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });

  it('keeps a body that breaks off the client’s 400 incomplete_body, logged at info', async () => {
    const client = await open(server.url);
    client.socket.write(`${headers('/api/ask', 200)}{"question":"Wh`);
    await sleep(100);
    client.socket.destroy();
    await sleep(300);
    const line = requestLines(server).find((l) => l.status === 400);
    expect(line).toMatchObject({ path: '/api/ask', level: 'info' });
  });

  it('closes a connection whose headers trickle in (slowloris) with a 408 at the header timeout', async () => {
    const client = await open(server.url);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const drip = setInterval(() => client.socket.writable && client.socket.write('X-Drip: 1\r\n'), 100);
    try {
      const ms = await client.closed;
      expect(ms).toBeGreaterThanOrEqual(CLIENT_TIMEOUT_MS);
      expect(ms).toBeLessThan(CLIENT_TIMEOUT_MS + MARGIN_MS);
      expect(client.reply()).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(drip);
    }
  });

  it(`holds at most ${CONNECTION_LIMITS.perClient} connections from one client, and still answers everyone else`, async () => {
    const { perClient } = CONNECTION_LIMITS;
    const held = await Promise.all(Array.from({ length: perClient }, () => open(server.url, '127.0.0.2')));
    const refused = await open(server.url, '127.0.0.2');
    try {
      // Closed at once, long before the header timeout would have closed it.
      expect(await refused.closed).toBeLessThan(CLIENT_TIMEOUT_MS / 2);
      expect(refused.reply()).toBe('');
      expect(await Promise.race([held[0]!.closed.then(() => 'closed'), sleep(50).then(() => 'open')])).toBe('open');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(server.logs.find((l) => l.includes('"msg":"connections refused"'))).toMatch(/"level":"warn".*"reason":"too many from one client"/);
    } finally {
      for (const h of held) h.socket.destroy();
    }
  });
});
