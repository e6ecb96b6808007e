import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chunkEvent, completionJson, DONE_EVENT, tokens, type ChatBody } from './openai-wire';

/** What the stand-in model does with one request. */
export type Behaviour =
  | { kind: 'answer'; text: string; /** Pause this long after the first sentence, to show streaming. */ pauseMs?: number }
  | { kind: 'status'; code: number }
  | { kind: 'hang' };

export interface ModelCall {
  body: ChatBody;
  authorization: string | undefined;
  /** True once the client dropped the connection before the reply was complete. */
  abandoned: boolean;
  /** When the last byte of the reply was written (undefined while writing, or if it never was). */
  finishedAt?: number;
}

/**
 * An OpenAI-compatible server on loopback (a real node:http server, not msw): POST
 * /v1/chat/completions, answered whole or as SSE, as the current `behaviour` says.
 */
export async function startLoopbackModel() {
  let behaviour: (body: ChatBody) => Behaviour = () => ({ kind: 'status', code: 500 });
  const calls: ModelCall[] = [];

  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
    const body = JSON.parse(await read(req)) as ChatBody;
    const call: ModelCall = { body, authorization: req.headers.authorization, abandoned: false };
    calls.push(call);
    res.on('close', () => (call.abandoned = !res.writableFinished));
    const b = behaviour(body);
    if (b.kind === 'hang') return;
    if (b.kind === 'status') return void res.writeHead(b.code, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `stand-in ${b.code}` } }));
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completionJson(b.text)));
      call.finishedAt = Date.now();
      return;
    }
    await stream(res, b.text, b.pauseMs ?? 0);
    if (!res.destroyed) call.finishedAt = Date.now();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    calls,
    behave(next: (body: ChatBody) => Behaviour) {
      behaviour = next;
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function stream(res: ServerResponse, text: string, pauseMs: number) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const firstStop = text.indexOf('. ') + 1;
  let sent = 0;
  for (const piece of tokens(text)) {
    if (res.destroyed) return;
    res.write(chunkEvent(piece));
    const before = sent;
    sent += piece.length;
    if (pauseMs && before < firstStop + 3 && sent >= firstStop + 3) await sleep(pauseMs);
    else await sleep(2);
  }
  if (!res.destroyed) res.end(chunkEvent(null) + DONE_EVENT);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
