/** What compression saves: the bytes of a response body on the wire, asked for as it is, with gzip and with br, from one real server. */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUESTIONS } from './questions';
import { spawnServer, waitReady } from './server';

export interface WireRow {
  name: string;
  identity: number;
  gzip: number;
  br: number;
}

const CODINGS = ['identity', 'gzip', 'br'] as const;

/** The body's bytes as they arrive (node:http decodes nothing), for one request. */
function bytesOnWire(url: string, coding: string, body?: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'accept-encoding': coding, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const req = request(url, { method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** widget.js, the demo page and its stylesheet, and an answer (the mean over the bench's questions) from /api/ask and /api/chat. */
export async function benchWire(): Promise<WireRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iskp-bench-wire-'));
  const server = await spawnServer({ DATA_DIR: dataDir });
  try {
    await waitReady(server);
    const page = await (await fetch(`${server.url}/`)).text();
    const stylesheet = /href="(\/demo\.css\?v=[0-9a-f]+)"/.exec(page)?.[1] ?? '/demo.css';
    const mean = async (path: string, coding: string) => {
      let total = 0;
      for (const question of QUESTIONS) total += await bytesOnWire(`${server.url}${path}`, coding, { question });
      return total / QUESTIONS.length;
    };
    const rows: { name: string; size: (coding: string) => Promise<number> }[] = [
      { name: 'GET /widget.js', size: (coding) => bytesOnWire(`${server.url}/widget.js`, coding) },
      { name: 'GET / (the demo page)', size: (coding) => bytesOnWire(`${server.url}/`, coding) },
      { name: 'GET /demo.css', size: (coding) => bytesOnWire(`${server.url}${stylesheet}`, coding) },
      { name: 'POST /api/ask (mean of the bench questions)', size: (coding) => mean('/api/ask', coding) },
      { name: 'POST /api/chat, SSE (mean of the bench questions)', size: (coding) => mean('/api/chat', coding) },
    ];
    const out: WireRow[] = [];
    for (const { name, size } of rows) {
      const [identity, gzip, br] = await Promise.all(CODINGS.map((coding) => size(coding)));
      out.push({ name, identity: identity!, gzip: gzip!, br: br! });
    }
    return out;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
