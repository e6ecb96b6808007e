/**
 * Domain errors carry a stable `code` and a status; the app's one error handler turns them into
 * `{ error: { code, message }, requestId }`. Anything else becomes a 500 with no internals shown.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 408 | 413 | 415 | 422 | 429 | 500 | 502 | 503 | 504,
    readonly code: string,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string>; logLevel?: 'info' | 'warn' },
  ) {
    super(message, options);
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
