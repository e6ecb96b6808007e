import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in for slack.com on loopback: the Web API under /api, response_urls under /response. */
export async function startSlackStandIn() {
  const received: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ path: req.url ?? '', headers: req.headers, body });
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/api/conversations.replies')) res.end(JSON.stringify({ ok: true, messages: [] }));
    else if (req.url?.startsWith('/api/')) res.end(JSON.stringify({ ok: true, ts: '1700000099.000100' }));
    else res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** Web API calls to `method`, form fields decoded (blocks as JSON). */
    calls(method: string) {
      return received
        .filter((r) => r.path === `/api/${method}`)
        .map((r): Record<string, unknown> => {
          const args: Record<string, unknown> = Object.fromEntries(new URLSearchParams(r.body));
          if (typeof args.blocks === 'string') args.blocks = JSON.parse(args.blocks);
          return { ...args, authorization: r.headers.authorization };
        });
    },
    responses: (path: string) => received.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as Record<string, unknown>),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `probe` until it returns something, or fails after `timeoutMs`. */
export async function until<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
