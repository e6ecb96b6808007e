import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../../../src/server/app';
import { type AppDeps } from '../../../src/server/env';
import { parseConfig } from '../../../src/config';
import { createLogger } from '../../../src/core/log';
import { loadTestEngine } from '../../helpers/engine';

export const SERVER = 'http://bot.example';
export const SITE = 'https://site.example';

let engine: ReturnType<typeof loadTestEngine> | undefined;
/** The real engine (lexical, extractive), loaded once per test file. */
export const sharedEngine = () => (engine ??= loadTestEngine());

/**
 * The real app over the real engine, with the settings and runtime pieces a test picks. Requests
 * come from the address given to `send` the way @hono/node-server hands it over (`c.env.incoming
 * .socket`), read with the same getConnInfo the Node entry uses. Log lines are kept, parsed.
 */
export async function httpApp(env: Record<string, string> = {}, deps: Partial<AppDeps> = {}) {
  const ready = await sharedEngine();
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  const app = createApp({
    config: parseConfig({ EMBEDDER: 'lexical', PUBLIC_URL: SERVER, ...env }),
    logger,
    ready: () => ready,
    waitUntil: () => {},
    clientAddress: (c) => getConnInfo(c).remote.address,
    ...deps,
  });
  const send = (request: Request, from = '203.0.113.7') => app.request(request, undefined, { incoming: { socket: { remoteAddress: from } } });
  return { app, logs, send };
}

export function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${SERVER}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const get = (path: string, headers: Record<string, string> = {}) => new Request(`${SERVER}${path}`, { headers });

export const ask = (question = 'What is ISKP’s strategy?', headers: Record<string, string> = {}) => post('/api/ask', { question }, headers);
