import { AppError } from '../errors';

/**
 * 400 `incomplete_body`: the client stopped sending its body midway (it went away, or broke the
 * chunked framing). Usually nobody is left to read the reply; what matters is that the request log
 * records the client's 400 rather than an unhandled server error with a stack.
 */
export const incompleteBody = (cause?: unknown) => new AppError(400, 'incomplete_body', 'The request body ended before it was complete.', { cause });

/** The body as `read` returns it (`() => c.req.text()`), or `incompleteBody` when reading it fails. */
export async function readBody<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    throw incompleteBody(err);
  }
}
