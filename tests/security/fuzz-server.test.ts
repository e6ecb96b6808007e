import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/start-server';
import { expectWellFormed } from './well-formed';
import { apiRequest } from './hostile-input';

/**
 * Bytes straight onto a socket: what no HTTP client library would send. Resolves with the status
 * line. The socket is not half-closed after writing (no client does that, and Node drops the
 * pending response when it sees it), only destroyed once the reply has begun.
 */
function raw(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let reply = '';
    socket.setEncoding('latin1').on('data', (d: string) => {
      reply += d;
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.slice(0, reply.indexOf('\r\n')));
      }
    });
    socket.on('end', () => reject(new Error(`closed without a status line: ${JSON.stringify(reply)}`)));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no reply')));
  });
}

describe('fuzzing a real server on a port', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ RATE_LIMIT_PER_MINUTE: '0', SLACK_SIGNING_SECRET: 'fuzz-secret' });
  });
  afterAll(() => server?.stop());

  it('answers hostile requests over HTTP without a 5xx, each refusal a JSON error with a code', async () => {
    await fc.assert(
      fc.asyncProperty(apiRequest, async (req) => {
        const res = await fetch(`${server.url}${req.path}`, { method: req.method, headers: req.contentType ? { 'content-type': req.contentType } : {}, body: req.method === 'GET' ? undefined : req.body });
        await expectWellFormed(res, req);
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it.each([
    ['a chunked body over the cap', `POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${`4000\r\n${'x'.repeat(0x4000)}\r\n`.repeat(18)}0\r\n\r\n`, /^HTTP\/1\.1 413/],
    ['a Content-Length that is not a number', 'POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n', /^HTTP\/1\.1 400/],
    ['both Content-Length and chunked', 'POST /api/ask HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', /^HTTP\/1\.1 400/],
    ['a 40 KB header', `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`, /^HTTP\/1\.1 431/],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n', /^HTTP\/1\.1 400/],
    ['a NUL in the path', 'GET /api/sources/a\u0000b HTTP/1.1\r\nHost: localhost\r\n\r\n', /^HTTP\/1\.1 400/],
  ])('refuses %s without a 5xx', async (_name, bytes, status) => {
    expect(await raw(server.url, bytes)).toMatch(status);
  });

  const partial = (path: string, framing: string, start: string) => `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${framing}\r\n\r\n${start}`;
  it.each([
    ['an /api/ask body short of its Content-Length', '/api/ask', partial('/api/ask', 'Content-Length: 100', '{"question":"IS')],
    ['a chunked /api/ask body', '/api/ask', partial('/api/ask', 'Transfer-Encoding: chunked', '20\r\n{"question":"IS')],
    ['a Slack body short of its Content-Length', '/slack/commands', partial('/slack/commands', 'Content-Length: 100', 'text=ISKP')],
    ['a chunked Slack body', '/slack/commands', partial('/slack/commands', 'Transfer-Encoding: chunked', '20\r\ntext=ISKP')],
  ])('logs %s that the client abandons as the client’s 400, not as a server error', async (_name, path, bytes) => {
    const before = server.logs.length;
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    await new Promise((r) => setTimeout(r, 200));
    socket.destroy();
    const requestLine = async () => {
      for (let waited = 0; waited < 5000; waited += 50) {
        const line = server.logs.slice(before).find((l) => l.includes('"msg":"request"') && l.includes(`"path":"${path}"`));
        if (line) return JSON.parse(line) as { level: string; status: number };
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no request line for ${path}:\n${server.logs.slice(before).join('\n')}`);
    };
    expect(await requestLine()).toMatchObject({ level: 'info', status: 400 });
    expect(server.logs.slice(before).filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });

  it('is healthy afterwards: ready, and answering', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const res = await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Who wrote the paper?' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { answer: string }).answer).toMatch(/Tassev/);
  });
});
