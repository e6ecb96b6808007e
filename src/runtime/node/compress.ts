import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, createBrotliCompress, createGzip, gzip, gzipSync, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import type { Coding } from './accept-encoding';

/**
 * An answer of a kilobyte or two, on the event loop: brotli's quality 1 costs about what gzip's
 * level 6 does, under half what quality 4 costs, for an output a twentieth of the body larger
 * (docs/benchmarks.md, "Compression").
 */
const SMALL_BROTLI_QUALITY = 1;
/**
 * A larger body, on libuv's threads, or a stream flushed event by event: below quality 3 brotli
 * compresses each flush on its own, and an SSE stream's repeated JSON goes out nearly whole.
 */
const BROTLI_QUALITY = 3;
const GZIP_LEVEL = 6;
/** Bodies up to this size are compressed on the event loop; larger ones on libuv's threads, so one big page never stalls the loop. */
const SYNC_MAX_BYTES = 32 * 1024;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const brotli = (quality: number): BrotliOptions => ({ params: { [constants.BROTLI_PARAM_QUALITY]: quality } });
const BROTLI_SMALL = brotli(SMALL_BROTLI_QUALITY);
const BROTLI = brotli(BROTLI_QUALITY);
const GZIP: ZlibOptions = { level: GZIP_LEVEL };

/** Once per asset, kept in memory: the best either coding does, whatever it costs, on libuv's threads. */
export function compressBest(body: string | Uint8Array, coding: Coding): Promise<Uint8Array> {
  if (coding === 'gzip') return gzipAsync(body, { level: constants.Z_BEST_COMPRESSION });
  const params = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: byteLength(body) };
  return brotliAsync(body, { params });
}

/**
 * A response made for one request, at fast settings: on the event loop when small, since handing
 * it to a thread costs the loop more than compressing it there; on libuv's threads when large.
 */
export function compressDynamic(body: string | Uint8Array, coding: Coding): Uint8Array | Promise<Uint8Array> {
  if (byteLength(body) <= SYNC_MAX_BYTES) return coding === 'br' ? brotliCompressSync(body, BROTLI_SMALL) : gzipSync(body, GZIP);
  return coding === 'br' ? brotliAsync(body, BROTLI) : gzipAsync(body, GZIP);
}

/**
 * A stream compressed chunk by chunk, each chunk flushed as soon as it is written (Z_SYNC_FLUSH,
 * BROTLI_OPERATION_FLUSH): an SSE event reaches the client when the route writes it, not when the
 * compressor's buffer fills. The window is kept across chunks, so later events compress against
 * earlier ones. Cancelling the result cancels the source and frees the compressor.
 */
export function compressStream(source: ReadableStream<Uint8Array>, coding: Coding): ReadableStream<Uint8Array> {
  const zlib = coding === 'br' ? createBrotliCompress(BROTLI) : createGzip(GZIP);
  const flushKind = coding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH;
  const reader = source.getReader();
  let done = false;
  const ended = new Promise<void>((resolve) => zlib.once('end', resolve));
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // Output goes out as zlib produces it; a flush only makes sure it produces it now.
        zlib.on('data', (chunk: Buffer) => {
          if (!done) controller.enqueue(chunk);
        });
        zlib.on('error', (err) => {
          if (done) return;
          done = true;
          controller.error(err);
          void reader.cancel(err).catch(() => {});
        });
      },
      async pull(controller) {
        const { value, done: sourceDone } = await reader.read().catch((err: unknown) => {
          done = true;
          zlib.destroy();
          throw err;
        });
        if (sourceDone) {
          zlib.end();
          await ended;
          if (!done) controller.close();
          done = true;
          return;
        }
        await new Promise<void>((resolve) => {
          zlib.write(value);
          zlib.flush(flushKind, () => resolve());
        });
      },
      cancel(reason) {
        done = true;
        zlib.destroy();
        return reader.cancel(reason);
      },
    },
    // Read from the source only when the client's side wants more: no chunk waits here.
    { highWaterMark: 0 },
  );
}

function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}
