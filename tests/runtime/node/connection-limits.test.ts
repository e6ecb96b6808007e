import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { limitConnections } from '../../../src/runtime/node/connection-limits';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A socket from `from` (any 127/8 address is this machine) that resolves once connected; `closed` tells whether the server closed it. */
function open(port: number, from: string): Promise<{ socket: Socket; closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    let closed = false;
    const socket = connect({ port, host: '127.0.0.1', localAddress: from });
    socket.on('close', () => (closed = true));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, closed: () => closed }));
    socket.once('error', reject);
  });
}

const get = (port: number, from: string) =>
  new Promise<number>((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: from });
    let reply = '';
    socket.on('data', (d) => (reply += d));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(reply)?.[1])));
    socket.on('error', reject);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  });

describe('connection limits', () => {
  let server: Server;
  const sockets: Socket[] = [];
  const warnings: Record<string, unknown>[] = [];
  const start = async (limits: { perClient: number; total: number; idleMs?: number }) => {
    server = createServer((_req, res) => res.end('ok'));
    limitConnections(server, { idleMs: 60_000, ...limits, logger: { warn: (msg, fields) => warnings.push({ msg, ...fields }) } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    warnings.length = 0;
    await new Promise((resolve) => server.close(resolve));
  });

  it('closes a client’s connection past its cap at once, while other clients still get in', async () => {
    const port = await start({ perClient: 3, total: 100 });
    const held = await Promise.all([1, 2, 3].map(() => open(port, '127.0.0.2')));
    sockets.push(...held.map((h) => h.socket));
    const extra = await open(port, '127.0.0.2');
    sockets.push(extra.socket);
    await sleep(100);
    expect(extra.closed()).toBe(true);
    expect(held.map((h) => h.closed())).toEqual([false, false, false]);
    expect(await get(port, '127.0.0.3')).toBe(200);
    expect(warnings).toEqual([{ msg: 'connections refused', reason: 'too many from one client', limit: 3, refused: 1 }]);
    // A connection closed frees its place.
    held[0]!.socket.destroy();
    await sleep(100);
    expect(await get(port, '127.0.0.2')).toBe(200);
  });

  it('logs a flood of refusals once, not once per connection', async () => {
    const port = await start({ perClient: 1, total: 100 });
    sockets.push((await open(port, '127.0.0.2')).socket);
    for (let i = 0; i < 20; i++) sockets.push((await open(port, '127.0.0.2')).socket);
    await sleep(100);
    expect(warnings).toHaveLength(1);
  });

  it('holds no more than `total` connections, however many clients', async () => {
    const port = await start({ perClient: 10, total: 4 });
    const all = await Promise.all(['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7'].map((from) => open(port, from)));
    sockets.push(...all.map((a) => a.socket));
    await sleep(100);
    expect(all.filter((a) => !a.closed())).toHaveLength(4);
    expect(warnings).toEqual([expect.objectContaining({ reason: 'server full', limit: 4 })]);
  });

  it('does not count per client when told not to (behind a proxy, every connection is the proxy’s)', async () => {
    const port = await start({ perClient: 0, total: 100 });
    const all = await Promise.all(Array.from({ length: 10 }, () => open(port, '127.0.0.2')));
    sockets.push(...all.map((a) => a.socket));
    await sleep(100);
    expect(all.filter((a) => a.closed())).toEqual([]);
  });

  it('closes a connection idle for `idleMs`', async () => {
    const port = await start({ perClient: 10, total: 10, idleMs: 200 });
    const idle = await open(port, '127.0.0.2');
    sockets.push(idle.socket);
    await sleep(600);
    expect(idle.closed()).toBe(true);
  });
});
