import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Domain errors carry a stable `code` and a status; the app's one error handler turns them into
 * `{ error: { code, message }, requestId }`. Anything else becomes a 500 with no internals shown.
 * An HTTPException, so Hono's own middleware (timeout) can throw one.
 */
export class AppError extends HTTPException {
  override name = 'AppError';
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string>; logLevel?: 'info' | 'warn' },
  ) {
    super(status, { message, cause: options?.cause });
    this.headers = options?.headers;
    this.logLevel = options?.logLevel;
  }
  readonly headers?: Record<string, string>;
  /** How the request log records it when that is not the default (error for 5xx, info otherwise). */
  readonly logLevel?: 'info' | 'warn';
}

export interface ErrorBody {
  error: { code: string; message: string };
  requestId?: string;
}
