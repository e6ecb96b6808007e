import { createApp } from '../../src/server/app';
import { silentLogger } from '../../src/core/log';
import { loadTestEngine } from './engine';
import { documented } from './openapi';

/**
 * The real app over the real engine, driven through `app.request()`. Every response the test
 * receives through `app` or `post` has first been checked against `/openapi.json` (helpers/openapi.ts):
 * one the document does not describe, errors included, fails the test.
 */
export async function createTestApp(env: Record<string, string> = {}) {
  const engine = await loadTestEngine(env);
  const app = documented(createApp({ config: engine.config, logger: silentLogger, ready: () => engine, waitUntil: () => {} }));
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { app, engine, post };
}
