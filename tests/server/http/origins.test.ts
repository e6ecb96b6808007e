import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app';
import { isOriginAllowed, normalizeOrigin } from '../../../src/server/http/origins';
import { parseConfig } from '../../../src/config';
import { silentLogger } from '../../../src/core/log';

const SERVER = 'http://bot.example';
const SITE = 'https://site.example';

/** The app with no index loaded: question routes answer 503, which shows the request got past the guard. */
function appWith(env: Record<string, string> = {}) {
  return createApp({ config: parseConfig({ PUBLIC_URL: SERVER, ...env }), logger: silentLogger, ready: () => undefined, waitUntil: () => {} });
}

const preflight = (origin: string, path = '/api/chat') =>
  new Request(`${SERVER}${path}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });

const ask = (headers: Record<string, string>, path = '/api/ask') =>
  new Request(`${SERVER}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ question: 'What is ISKP?' }) });

describe('isOriginAllowed', () => {
  it('matches listed origins exactly, however they were typed', () => {
    expect(isOriginAllowed('https://site.example', ['https://site.example'])).toBe(true);
    expect(isOriginAllowed('https://site.example', ['HTTPS://Site.Example:443/'])).toBe(true);
    expect(isOriginAllowed('https://site.example:8443', ['https://site.example'])).toBe(false);
    expect(isOriginAllowed('http://site.example', ['https://site.example'])).toBe(false);
    expect(isOriginAllowed('https://evil-site.example', ['https://site.example'])).toBe(false);
  });

  it('allows nothing by default and anything with *', () => {
    expect(isOriginAllowed(SITE, [])).toBe(false);
    expect(isOriginAllowed(SITE, ['*'])).toBe(true);
    expect(isOriginAllowed('null', ['*'])).toBe(true);
    expect(isOriginAllowed('null', ['https://site.example'])).toBe(false);
  });

  it('normalizes an origin to scheme, host and non-default port', () => {
    expect(normalizeOrigin(' HTTP://Localhost:80/ ')).toBe('http://localhost');
    expect(normalizeOrigin('http://127.0.0.1:3200/path')).toBe('http://127.0.0.1:3200');
    expect(normalizeOrigin('null')).toBe('null');
  });
});

describe('widget origins on the API', () => {
  it('answers an allowed origin’s preflight with CORS headers for the widget’s calls', async () => {
    const res = await appWith({ WIDGET_ALLOWED_ORIGINS: `${SITE}, https://other.example` }).request(preflight(SITE));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('lets an allowed origin read responses, errors included', async () => {
    const res = await appWith({ WIDGET_ALLOWED_ORIGINS: SITE }).request(ask({ Origin: SITE }));
    expect(res.status).toBe(503); // past the guard: the (absent) index answers
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('refuses an origin that is not allowed with 403 origin_not_allowed, preflight included', async () => {
    const app = appWith({ WIDGET_ALLOWED_ORIGINS: 'https://other.example' });
    for (const req of [preflight(SITE), preflight(SITE, '/api/ask'), ask({ Origin: SITE }), ask({ Origin: SITE }, '/api/chat'), new Request(`${SERVER}/api/sources/tassev-2024?format=apa`, { headers: { Origin: SITE } }), new Request(`${SERVER}/api/sources`, { headers: { Origin: SITE } })]) {
      const res = await app.request(req);
      expect(res.status, `${req.method} ${req.url}`).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const body = await res.json();
      expect(body).toMatchObject({ error: { code: 'origin_not_allowed' } });
      expect(body.error.message).toContain(SITE);
      expect(body.requestId).toEqual(expect.any(String));
    }
  });

  it('allows every origin with *, and none but its own by default', async () => {
    expect((await appWith({ WIDGET_ALLOWED_ORIGINS: '*' }).request(preflight('https://anyone.example'))).status).toBe(204);
    expect((await appWith().request(preflight('https://anyone.example'))).status).toBe(403);
  });

  it('always serves its own origin and clients that send no Origin', async () => {
    const app = appWith();
    expect((await app.request(ask({ Origin: SERVER }))).status).toBe(503);
    expect((await app.request(ask({}))).status).toBe(503);
  });

  it('knows its own origin from PUBLIC_URL (https behind a TLS proxy) or ALLOWED_HOSTS, never from the request’s headers', async () => {
    const publicOrigin = 'https://bot.example';
    expect((await appWith({ PUBLIC_URL: publicOrigin }).request(ask({ Origin: publicOrigin }))).status).toBe(503);
    expect((await appWith({ PUBLIC_URL: '', ALLOWED_HOSTS: 'bot.example' }).request(ask({ Origin: publicOrigin }))).status).toBe(503);
    // Sec-Fetch-Site and X-Forwarded-* are the client's word: they make no origin the server's own.
    const claims = { Origin: 'https://rebound.example', 'Sec-Fetch-Site': 'same-origin', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'rebound.example' };
    expect((await appWith({ TRUST_PROXY: '1', ALLOWED_HOSTS: 'rebound.example, bot.example' }).request(ask({ ...claims, Origin: 'https://elsewhere.example' }))).status).toBe(403);
  });

  it('treats pages on loopback as its own when nothing is configured: the server on one’s own machine', async () => {
    const local = (origin: string) => new Request('http://127.0.0.1:3000/api/ask', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: '{"question":"What is ISKP?"}' });
    const app = appWith({ PUBLIC_URL: '' });
    expect((await app.request(local('http://127.0.0.1:3000'))).status).toBe(503);
    expect((await app.request(local('http://localhost:3000'))).status).toBe(503);
    expect((await app.request(local('http://bot.example'))).status).toBe(403);
    // Another port is another program's page.
    expect((await app.request(local('http://127.0.0.1:41234'))).status).toBe(403);
  });

  it('leaves /widget.js loadable from any origin', async () => {
    const app = createApp({ config: parseConfig({ PUBLIC_URL: SERVER }), logger: silentLogger, ready: () => undefined, waitUntil: () => {}, widgetScript: () => 'void 0;' });
    const res = await app.request(new Request(`${SERVER}/widget.js`, { headers: { Origin: SITE } }));
    expect(res.status).toBe(200);
  });
});
