import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';

/** OpenAI's error body: what its SDKs read to raise `BadRequestError`, `AuthenticationError` and the rest. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** A refusal that names the request field at fault, as OpenAI's `param` does. */
export class OpenAiRequestError extends AppError {
  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    readonly param: string | null = null,
  ) {
    super(status, code, message);
  }
}

/** OpenAI's error `type` for each status; the SDKs pick their exception class by status, some clients show the type. */
const TYPES: Partial<Record<number, string>> = {
  401: 'authentication_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  429: 'rate_limit_exceeded',
};

/** Our codes where OpenAI's clients look for their own. */
const CODES: Record<string, string> = { unauthorized: 'invalid_api_key', rate_limited: 'rate_limit_exceeded' };

/** `{ error: { message, type, param, code } }` for a status and one of our codes. */
export function openAiError(status: number, code: string, message: string, param: string | null = null): OpenAiErrorBody {
  const type = TYPES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
  return { error: { message, type, param, code: CODES[code] ?? code } };
}

/**
 * Rewrites every error response under /v1 into OpenAI's shape, whichever middleware refused the
 * request (host, method, rate limit, key, body size) or the route itself: they all throw AppErrors
 * that the app's one error handler writes as `{ error: { code, message } }`, and Hono hands that
 * response back out through this middleware. Status and headers (Retry-After, WWW-Authenticate)
 * stay as they are; only the body changes.
 */
export function createOpenAiErrors(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (res.status < 400 || !/json/i.test(res.headers.get('content-type') ?? '')) return;
    const ours = (await res.clone().json().catch(() => undefined)) as { error?: { code?: unknown; message?: unknown } } | undefined;
    if (typeof ours?.error?.code !== 'string' || typeof ours.error.message !== 'string') return;
    const param = c.error instanceof OpenAiRequestError ? c.error.param : null;
    const body = openAiError(res.status, ours.error.code, ours.error.message, param);
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    // Cleared first: Hono's setter would carry the old response's headers over onto the new one.
    c.res = undefined;
    c.res = new Response(JSON.stringify(body), { status: res.status, headers });
  };
}
