import { http, HttpResponse } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { chunkEvent, DONE_EVENT, completionJson, tokens, type ChatBody } from './openai-wire';
import { MODEL_URL } from './engine';

export interface Call {
  body: ChatBody;
  request: Request;
}

/** Routes chat completions at MODEL_URL to `respond`, recording every call. */
export function standIn(server: SetupServer) {
  const calls: Call[] = [];
  return {
    calls,
    model(respond: (body: ChatBody, call: Call) => Response | Promise<Response>) {
      server.use(
        http.post(`${MODEL_URL}/chat/completions`, async ({ request }) => {
          const call = { body: (await request.json()) as ChatBody, request };
          calls.push(call);
          return respond(call.body, call);
        }),
      );
    },
  };
}

export interface StreamScript {
  /** Stop after this many characters until `resume` settles (never, when absent: a stall). */
  pauseAfter?: number;
  resume?: Promise<void>;
  /** Called when the client cancels the stream (the SDK aborting the request). */
  onCancel?: () => void;
}

/** A completion the way the request asked for it: one JSON body, or SSE chunks ending in [DONE]. */
export function reply(body: ChatBody, text: string, script: StreamScript = {}): Response {
  if (!body.stream) return HttpResponse.json(completionJson(text));
  const pieces = tokens(text);
  const encoder = new TextEncoder();
  let sent = 0;
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (script.pauseAfter !== undefined && sent >= script.pauseAfter) {
        await (script.resume ?? new Promise(() => {}));
        script.pauseAfter = undefined;
      }
      if (i < pieces.length) {
        sent += pieces[i]!.length;
        controller.enqueue(encoder.encode(chunkEvent(pieces[i++]!)));
      } else {
        controller.enqueue(encoder.encode(chunkEvent(null) + DONE_EVENT));
        controller.close();
      }
    },
    cancel: () => script.onCancel?.(),
  });
  return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
}

export const status = (code: number, headers: Record<string, string> = {}) =>
  HttpResponse.json({ error: { message: `stand-in ${code}`, type: 'server_error' } }, { status: code, headers });

/** Never answers; settles (as a network error) only when the client aborts the request. */
export const hang = (request: Request) =>
  new Promise<Response>((resolve) => request.signal.addEventListener('abort', () => resolve(HttpResponse.error()), { once: true }));

/** Raw SSE text as a streamed body (msw needs a stream, not a string, for the SDK to read it). */
export function sse(text: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
}

/** A test file's model stand-in: listening for the file, handlers and recorded calls reset after each test. */
export function useModelStandIn() {
  const server = setupServer();
  const openai = standIn(server);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    openai.calls.length = 0;
  });
  afterAll(() => server.close());
  return { server, openai };
}
