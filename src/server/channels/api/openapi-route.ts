import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { createOpenApiDocument } from './openapi';

/**
 * `GET /openapi.json`: the API's OpenAPI 3.1 document, from the same app on Node and Workers.
 * Built on the first request and kept: a Worker's cold start pays nothing for it.
 */
export function createOpenApiRoutes() {
  const app = new Hono<AppEnv>();
  let document: string | undefined;
  app.get('/openapi.json', (c) => {
    document ??= JSON.stringify(createOpenApiDocument());
    return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  return app;
}
