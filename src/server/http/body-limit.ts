import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors';
import { QUESTION_PATHS } from './rate-limit';

/**
 * The largest body the /api/ask contract admits (REQUEST_LIMITS, src/core/answer/limits.ts):
 * 2,000 + 20 × 4,000 = 82,000 UTF-16 code units, at most 3 UTF-8 bytes each as JSON.stringify
 * writes them (~246 KB), plus the JSON around them.
 * Every valid question fits; a multi-megabyte one is refused before it is buffered or parsed.
 */
export const QUESTION_BODY_BYTES = 256 * 1024;
/** Everything else under /api takes no body, or a small one. */
export const OTHER_BODY_BYTES = 16 * 1024;

/**
 * 413 `payload_too_large` on /api/*, before the body is parsed: by Content-Length when sent, else
 * by counting a chunked body as it arrives (Hono's bodyLimit decides before the handler runs).
 */
export function createBodyLimits(): MiddlewareHandler {
  const question = createBodyLimit(QUESTION_BODY_BYTES);
  const other = createBodyLimit(OTHER_BODY_BYTES);
  return (c, next) => ((QUESTION_PATHS as readonly string[]).includes(c.req.path) ? question : other)(c, next);
}

/**
 * 400 `incomplete_body`, for a failed read of the body: the client stopped sending it midway (went
 * away, or broke the chunked framing). Usually nobody is left to read the reply; what matters is
 * that the request log records the client's 400, not an unhandled server error with a stack.
 */
export const incompleteBody = (cause?: unknown) => new AppError(400, 'incomplete_body', 'The request body ended before it was complete.', { cause });

/** One route's limit: 413 `payload_too_large` over `maxBytes`, 400 `incomplete_body` for a chunked body cut short. */
export function createBodyLimit(maxBytes: number): MiddlewareHandler {
  const tooLarge = () => {
    // The rest of the body may still be on its way: the connection cannot be reused for another request.
    throw new AppError(413, 'payload_too_large', `The body is larger than this route accepts (${maxBytes / 1024} KB).`, { headers: { Connection: 'close' } });
  };
  const bodyLimited = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  const counting: MiddlewareHandler = async (c, next) => {
    // Hono's bodyLimit reads the whole body before it calls `next`: an error before then is the
    // client's body breaking off, not the route failing.
    let read = false;
    try {
      return await bodyLimited(c, () => ((read = true), next()));
    } catch (err) {
      if (read || err instanceof AppError) throw err;
      throw incompleteBody(err);
    }
  };
  return (c, next) => {
    // Decided from the headers when they suffice. Hono's bodyLimit asks the request for its body
    // stream first, and on Node that wraps the socket in a full web Request: measured at about a
    // tenth of a question's server time. Only a chunked body has to be counted as it arrives.
    if (c.req.header('transfer-encoding') === undefined) {
      const declared = c.req.header('content-length');
      if (declared !== undefined) return parseInt(declared, 10) > maxBytes ? tooLarge() : next();
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    }
    return counting(c, next);
  };
}
