import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app';
import { parseConfig } from '../../../src/config';
import { silentLogger } from '../../../src/core/log';

/** The app with no index loaded: a question answered 503 not_ready got past the host guard. */
const appWith = (env: Record<string, string> = {}, routedByHost = false) =>
  createApp({ config: parseConfig(env), logger: silentLogger, ready: () => undefined, waitUntil: () => {}, routedByHost });
const askAt = (url: string, headers: Record<string, string> = {}) =>
  new Request(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"question":"Who wrote the paper?"}' });

describe('host names the server answers for (the DNS-rebinding defence)', () => {
  it('answers loopback names when nothing is configured, and refuses any other with 403 host_not_allowed', async () => {
    const app = appWith();
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000', 'http://LOCALHOST']) expect((await app.request(askAt(url))).status, url).toBe(503);
    const res = await app.request(askAt('http://rebound.example:3000', { origin: 'http://rebound.example:3000' }));
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body).toMatchObject({ error: { code: 'host_not_allowed', message: expect.stringContaining('PUBLIC_URL or ALLOWED_HOSTS') } });
  });

  it('answers PUBLIC_URL’s host and every ALLOWED_HOSTS name, ports aside; `*` answers any', async () => {
    const app = appWith({ PUBLIC_URL: 'https://bot.example.org/', ALLOWED_HOSTS: 'Internal.Example:8080, 10.0.0.5' });
    for (const url of ['https://bot.example.org', 'http://internal.example:9999', 'http://10.0.0.5', 'http://localhost']) expect((await app.request(askAt(url))).status, url).toBe(503);
    expect((await app.request(askAt('https://evil.example'))).status).toBe(403);
    expect((await appWith({ ALLOWED_HOSTS: '*' }).request(askAt('https://anything.example'))).status).toBe(503);
  });

  it('judges the name the client used behind TRUST_PROXY (X-Forwarded-Host), and only then', async () => {
    const forwarded = { 'x-forwarded-host': 'rebound.example' };
    expect((await appWith({ TRUST_PROXY: 'true' }).request(askAt('http://127.0.0.1:3000', forwarded))).status).toBe(403);
    expect((await appWith().request(askAt('http://127.0.0.1:3000', forwarded))).status).toBe(503);
    expect((await appWith({ TRUST_PROXY: 'true', PUBLIC_URL: 'https://bot.example.org' }).request(askAt('http://10.1.2.3:3000', { 'x-forwarded-host': 'bot.example.org' }))).status).toBe(503);
  });

  it('leaves /healthz and /readyz open to probes by address', async () => {
    const app = appWith();
    expect((await app.request('http://10.1.2.3:3000/healthz')).status).toBe(200);
    expect((await app.request('http://10.1.2.3:3000/readyz')).status).toBe(503);
    expect((await app.request('http://10.1.2.3:3000/')).status).toBe(403);
  });

  it('on Workers, where the platform routes by name, answers any host until PUBLIC_URL or ALLOWED_HOSTS says otherwise', async () => {
    expect((await appWith({}, true).request(askAt('https://bot.account.workers.dev', { origin: 'https://bot.account.workers.dev' }))).status).toBe(503);
    expect((await appWith({}, true).request(askAt('https://bot.account.workers.dev', { origin: 'https://other.workers.dev' }))).status).toBe(403);
    expect((await appWith({ PUBLIC_URL: 'https://bot.example.org' }, true).request(askAt('https://bot.account.workers.dev'))).status).toBe(403);
  });
});
