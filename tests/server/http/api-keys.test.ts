import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bearerToken, createKeyMatcher } from '../../../src/server/http/api-keys';
import { ask, get, httpApp, post, SERVER, SITE } from './harness';

const KEY = 'k-3f9a1c27e8b64d0b9c1e5a7f2d8b6c40';
const keyed = (env: Record<string, string> = {}) => httpApp({ API_KEYS: `${KEY}, second-key-5b2e9d`, ...env });

describe('API keys (API_KEYS set)', () => {
  it('refuses /api/* without a key: 401 unauthorized as JSON, with WWW-Authenticate: Bearer', async () => {
    const { send } = await keyed();
    for (const req of [ask(), get('/api/sources'), get('/api/sources/hamming-2023'), post('/api/chat', { question: 'x' })]) {
      const res = await send(req);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
      expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' }, requestId: expect.any(String) });
    }
  });

  it('accepts any configured key as a Bearer token', async () => {
    const { send } = await keyed();
    expect((await send(ask(undefined, { authorization: `Bearer ${KEY}` }))).status).toBe(200);
    expect((await send(get('/api/sources', { authorization: 'bearer second-key-5b2e9d' }))).status).toBe(200);
  });

  it('refuses a wrong key, a near miss or another scheme, saying the token is invalid', async () => {
    const { send } = await keyed();
    for (const authorization of [`Bearer ${KEY.slice(0, -1)}`, `Bearer ${KEY}x`, 'Bearer second-key', `Bearer ${KEY.toUpperCase()}`]) {
      const res = await send(ask(undefined, { authorization }));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api", error="invalid_token"');
    }
    for (const authorization of [`Basic ${btoa(`user:${KEY}`)}`, KEY, `Bearer`, `Bearer ${KEY} extra`]) {
      expect((await send(ask(undefined, { authorization }))).status).toBe(401);
    }
  });

  it('lets pages on an allowed origin and the server’s own page through without a key', async () => {
    const { send } = await keyed({ WIDGET_ALLOWED_ORIGINS: SITE });
    expect((await send(ask(undefined, { origin: SITE }))).status).toBe(200);
    expect((await send(ask(undefined, { origin: SERVER }))).status).toBe(200);
    // A same-origin GET has no Origin: the browser's Sec-Fetch-Site comes with a Referer on the server's page.
    expect((await send(get('/api/sources/hamming-2023?format=apa', { 'sec-fetch-site': 'same-origin', referer: `${SERVER}/` }))).status).toBe(200);
    expect((await send(ask(undefined, { origin: 'https://evil.example' }))).status).toBe(403); // the origin guard, before any key check
  });

  it('never takes Sec-Fetch-Site alone, or a Referer on another site, for a key', async () => {
    const { send } = await keyed({ WIDGET_ALLOWED_ORIGINS: SITE });
    expect((await send(get('/api/sources', { 'sec-fetch-site': 'same-origin' }))).status).toBe(401);
    expect((await send(ask(undefined, { 'sec-fetch-site': 'same-origin' }))).status).toBe(401);
    expect((await send(get('/api/sources', { 'sec-fetch-site': 'same-origin', referer: 'https://evil.example/' }))).status).toBe(401);
    expect((await send(get('/api/sources', { 'sec-fetch-site': 'cross-site', referer: `${SERVER}/` }))).status).toBe(401);
  });

  it('refuses a DNS-rebinding page, whose Host and Origin agree with each other but name another host', async () => {
    const { send } = await keyed();
    const rebound = new Request('http://rebound.example/api/ask', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://rebound.example', 'sec-fetch-site': 'same-origin' }, body: '{"question":"Who wrote the paper?"}' });
    const res = await send(rebound);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'host_not_allowed' } });
  });

  it('keeps health, readiness, the widget script and the demo page open', async () => {
    const { send } = await keyed();
    for (const path of ['/healthz', '/readyz', '/']) expect((await send(get(path))).status).toBe(200);
    expect((await send(get('/widget.js'))).status).not.toBe(401);
  });

  it('warns at start that WIDGET_ALLOWED_ORIGINS=* lets any request with an Origin header past the keys', async () => {
    const { logs } = await keyed({ WIDGET_ALLOWED_ORIGINS: '*' });
    expect(logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/API_KEYS is set but WIDGET_ALLOWED_ORIGINS is "\*"/) }));
  });

  it('changes nothing when API_KEYS is empty', async () => {
    const { send } = await httpApp();
    expect((await send(ask())).status).toBe(200);
  });

  it('never writes the key to the log', async () => {
    const { send, logs } = await keyed();
    await send(ask(undefined, { authorization: `Bearer ${KEY}` }));
    await send(ask(undefined, { authorization: `Bearer ${KEY}-wrong` }));
    expect(JSON.stringify(logs)).not.toContain(KEY);
  });
});

describe('createKeyMatcher', () => {
  it('matches exactly the configured keys', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 41 }), async (keys, other) => {
        const matches = createKeyMatcher(keys);
        for (const k of keys) expect(await matches(k)).toBe(true);
        expect(await matches(other)).toBe(keys.includes(other));
      }),
      { numRuns: 100 },
    );
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer   abc  ', 'abc'],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    ['Basic abc', undefined],
    [undefined, undefined],
  ])('%j → %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
