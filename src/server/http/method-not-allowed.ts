import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { AppError } from '../errors';

/**
 * 405 `method_not_allowed` with an `Allow` header for a known path asked with the wrong method
 * (`GET /api/ask`), instead of a 404 that suggests the path does not exist. Reads `app.routes`
 * on first use, so routes mounted after this middleware count too.
 */
export function createMethodNotAllowed(app: Hono<AppEnv>): MiddlewareHandler {
  return methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) => {
      throw new AppError(405, 'method_not_allowed', `${c.req.method} is not supported here; use ${methods.join(' or ')}.`, { headers: { Allow: methods.join(', ') } });
    },
  });
}
