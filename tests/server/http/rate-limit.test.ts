import { describe, expect, it } from 'vitest';
import { ask, get, httpApp, post, SITE } from './harness';
import { createMemoryState } from '../../../src/server/state/memory-state';

const limited = (env: Record<string, string> = {}, deps = {}) => httpApp({ RATE_LIMIT_PER_MINUTE: '3', ...env }, deps);

describe('rate limit on the question routes (RATE_LIMIT_PER_MINUTE per client)', () => {
  it('answers 429 rate_limited as JSON with Retry-After once a client has used its bucket', async () => {
    const { send } = await limited();
    for (let i = 0; i < 3; i++) expect((await send(ask())).status).toBe(200);
    const res = await send(ask());
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('20'); // 3 a minute: the next token in 20 s
    const body = await res.json();
    expect(body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/try again in 20 s/) }, requestId: res.headers.get('x-request-id') });
  });

  it('counts /api/ask and /api/chat together, per client address', async () => {
    const { send } = await limited();
    await send(ask());
    await send(post('/api/chat', { question: 'What is ISKP?' }));
    await send(ask());
    expect((await send(ask())).status).toBe(429);
    expect((await send(ask(), '198.51.100.99')).status).toBe(200);
  });

  it('treats a whole IPv6 /64 as one client', async () => {
    const { send } = await limited({ RATE_LIMIT_PER_MINUTE: '1' });
    expect((await send(ask(), '2001:db8:1:2::a')).status).toBe(200);
    expect((await send(ask(), '2001:db8:1:2::b')).status).toBe(429);
  });

  it('leaves sources, health, the widget and other methods alone', async () => {
    const { send } = await limited({ RATE_LIMIT_PER_MINUTE: '1' });
    await send(ask());
    for (const path of ['/api/sources', '/api/sources/hamming-2023', '/healthz', '/readyz']) expect((await send(get(path))).status).toBe(200);
    expect((await send(get('/api/ask'))).status).toBe(405);
  });

  it('with TRUST_PROXY keys on the address our proxy appended, not what the client wrote before it', async () => {
    const { send } = await limited({ TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: '1' });
    const proxy = '10.0.0.2';
    expect((await send(ask(undefined, { 'x-forwarded-for': 'spoofed-1, 192.0.2.10' }), proxy)).status).toBe(200);
    expect((await send(ask(undefined, { 'x-forwarded-for': 'spoofed-2, 192.0.2.10' }), proxy)).status).toBe(429);
    expect((await send(ask(undefined, { 'x-forwarded-for': '192.0.2.11' }), proxy)).status).toBe(200);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY', async () => {
    const { send } = await limited({ RATE_LIMIT_PER_MINUTE: '1' });
    await send(ask(undefined, { 'x-forwarded-for': '192.0.2.10' }));
    expect((await send(ask(undefined, { 'x-forwarded-for': '192.0.2.11' }))).status).toBe(429);
  });

  it('is off with RATE_LIMIT_PER_MINUTE=0', async () => {
    const { send } = await limited({ RATE_LIMIT_PER_MINUTE: '0' });
    for (let i = 0; i < 40; i++) expect((await send(ask('Who wrote the paper?'))).status).toBe(200);
  });

  it('refills over time (the clock is a dependency)', async () => {
    let now = 0;
    const { send } = await limited({ RATE_LIMIT_PER_MINUTE: '1' }, { now: () => now });
    await send(ask());
    expect((await send(ask())).status).toBe(429);
    now += 60_000;
    expect((await send(ask())).status).toBe(200);
  });

  it('takes tokens from the runtime’s shared state (Redis, the Workers binding), keyed by client, with its Retry-After', async () => {
    const taken: unknown[] = [];
    const state = createMemoryState();
    state.take = async (key, limit) => (taken.push([key, limit]), taken.length < 2 ? { allowed: true } : { allowed: false, retryAfterMs: 12_345 });
    const { send } = await limited({ RATE_LIMIT_PER_MINUTE: '6' }, { state });
    expect((await send(ask())).status).toBe(200);
    const refused = await send(ask());
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('13');
    expect(taken).toEqual([['203.0.113.7', { capacity: 6, refillPerMs: 6 / 60_000 }], ['203.0.113.7', { capacity: 6, refillPerMs: 6 / 60_000 }]]);
  });

  it('lets a widget on an allowed site read the 429 and its Retry-After (CORS headers kept on errors)', async () => {
    const { send } = await limited({ RATE_LIMIT_PER_MINUTE: '1', WIDGET_ALLOWED_ORIGINS: SITE });
    await send(ask(undefined, { origin: SITE }));
    const res = await send(ask(undefined, { origin: SITE }));
    expect(res.status).toBe(429);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('does not spend a token on a preflight', async () => {
    const { send } = await limited({ RATE_LIMIT_PER_MINUTE: '1', WIDGET_ALLOWED_ORIGINS: SITE });
    const preflight = new Request('http://bot.example/api/ask', { method: 'OPTIONS', headers: { origin: SITE, 'access-control-request-method': 'POST' } });
    for (let i = 0; i < 3; i++) expect((await send(preflight.clone())).status).toBe(204);
    expect((await send(ask(undefined, { origin: SITE }))).status).toBe(200);
  });
});
