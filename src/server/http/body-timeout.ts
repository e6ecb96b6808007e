import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors';

export interface BodyTimeoutOptions {
  /** CLIENT_TIMEOUT_MS: how long the body may take to arrive, from the moment the request reaches the app. */
  ms: number;
  /**
   * Whether the request's body has fully arrived, as the runtime knows it (Node: the IncomingMessage
   * is complete, read or not). Absent (Workers, where the platform receives the body): no deadline.
   */
  received?: (c: Context) => boolean;
}

/**
 * 408 `request_timeout`, with `Connection: close`, for a body still arriving `ms` after the request
 * reached the app: the client is slow or has stalled, so it is the client's failure, logged at info,
 * and not the answer's time budget running out (503, time-budget.ts). A body that has arrived stops
 * the clock, however long the route then takes.
 */
export function createBodyTimeout({ ms, received }: BodyTimeoutOptions): MiddlewareHandler {
  if (!received) return (_c, next) => next();
  return async (c, next) => {
    if (!hasBody(c) || received(c)) return next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Settles only if the body is still incomplete at the deadline; a slow route after a complete body never trips it.
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        if (!received(c)) reject(requestTimeout(ms));
      }, ms);
    });
    try {
      await Promise.race([next(), late]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The rest of the body may still trickle in: the connection cannot carry another request. */
const requestTimeout = (ms: number) =>
  new AppError(408, 'request_timeout', `The request body did not arrive within ${ms / 1000} s.`, { headers: { Connection: 'close' }, logLevel: 'info' });

function hasBody(c: Context): boolean {
  if (c.req.header('transfer-encoding') !== undefined) return true;
  const length = c.req.header('content-length');
  return length !== undefined && length !== '0';
}
