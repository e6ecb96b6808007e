/** A response's body as compression needs it: whole bytes (with their size), a stream to compress as it flows, or nothing. */
export type ResponseBody = { kind: 'whole'; bytes: string | Uint8Array; size: number } | { kind: 'stream'; stream: ReadableStream<Uint8Array> } | { kind: 'none' };

/**
 * @hono/node-server's Response keeps a body made from a string or bytes as it was given, with
 * [status, body, headers] under a symbol of its own, and writes it to the socket from there.
 * Reading it through the Response API would first build a full undici Response around it, which
 * costs more than compressing the body does (docs/benchmarks.md, "Compression").
 */
const CACHE_DESCRIPTION = 'cache';

/** The body of `res` without building an undici Response when @hono/node-server made it; anything else is read the standard way. */
export async function responseBody(res: Response): Promise<ResponseBody> {
  const cached = cachedBody(res);
  if (cached !== undefined) return fromValue(cached);
  // Whether it is whole or still being written cannot be told from outside: compressed as it flows, never waited for.
  return res.body ? { kind: 'stream', stream: res.body } : { kind: 'none' };
}

/** The symbol, once a response has shown it: looked up by name on every response would cost more than reading it. */
let cacheSymbol: symbol | undefined;

function cachedBody(res: Response): unknown {
  const symbol = cacheSymbol ?? (cacheSymbol = Object.getOwnPropertySymbols(res).find((s) => s.description === CACHE_DESCRIPTION));
  const cache = symbol && (res as unknown as Record<symbol, unknown>)[symbol];
  return Array.isArray(cache) && cache.length === 3 && typeof cache[0] === 'number' ? (cache[1] ?? null) : undefined;
}

async function fromValue(body: unknown): Promise<ResponseBody> {
  if (body === null) return { kind: 'none' };
  if (typeof body === 'string') return { kind: 'whole', bytes: body, size: Buffer.byteLength(body) };
  if (body instanceof Uint8Array) return { kind: 'whole', bytes: body, size: body.byteLength };
  if (body instanceof Blob) {
    const bytes = new Uint8Array(await body.arrayBuffer());
    return { kind: 'whole', bytes, size: bytes.byteLength };
  }
  return { kind: 'stream', stream: body as ReadableStream<Uint8Array> };
}
