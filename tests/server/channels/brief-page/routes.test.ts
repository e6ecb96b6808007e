import { describe, expect, it } from 'vitest';
import { briefPageApp, fixtureBriefing, standInAnswerer } from './stand-in';

const post = (path: string, body: unknown) => new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('GET /brief', () => {
  it('serves the briefing as an HTML page', async () => {
    const { get } = briefPageApp();
    const res = await get('/brief');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h1>Briefing: the Islamic State-Khorasan’s recent reorganization and remaining threat</h1>');
  });

  it('asks the answerer for the topic and length in the query, a standard briefing on the whole corpus by default', async () => {
    const { answerer, requests } = standInAnswerer();
    const { get } = briefPageApp({ answerer });
    await get('/brief');
    await get('/brief?topic=%20Pakistan%20&length=short');
    expect(requests).toEqual([{ length: 'standard' }, { topic: 'Pakistan', length: 'short' }]);
  });

  it('sends the demo page’s kind of strict CSP: its own stylesheet and nothing else, no script at all', async () => {
    const { get } = briefPageApp();
    const res = await get('/brief');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toBe("default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-|\*|data:|https?:/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('serves its stylesheet from the same origin, with print rules', async () => {
    const { get } = briefPageApp();
    const res = await get('/brief.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const css = await res.text();
    expect(css).toContain('@media print {');
    expect(css).toContain('li, figure, blockquote { break-inside: avoid;');
  });

  it('renders a declined topic as a page that says so, with the follow-ups', async () => {
    const declined = { ...fixtureBriefing(), topic: 'bitcoin', answerable: false, sections: [], citations: [], readNext: [], followUps: ['What is ISKP?'] };
    const { get } = briefPageApp({ answerer: standInAnswerer(() => declined).answerer });
    const res = await get('/brief?topic=bitcoin');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('The sources don’t cover “bitcoin”');
    expect(html).toContain('<li>What is ISKP?</li>');
  });
});

describe('GET /brief with bad input: 400 invalid_request, as the JSON API answers a bad body', () => {
  const cases: [string, string, RegExp][] = [
    ['an empty topic', '/brief?topic=', /^topic: topic must not be empty/],
    ['a topic of spaces', '/brief?topic=%20%20', /^topic: topic must not be empty/],
    ['a topic over 200 characters', `/brief?topic=${'a'.repeat(201)}`, /^topic: topic must be at most 200 characters$/],
    ['an unknown length', '/brief?length=long', /^length: length must be "short" or "standard"$/],
    ['an empty length', '/brief?length=', /^length: length must be "short" or "standard"$/],
  ];
  for (const [what, path, message] of cases) {
    it(`refuses ${what} without asking the answerer`, async () => {
      const { answerer, requests } = standInAnswerer();
      const { get } = briefPageApp({ answerer });
      const res = await get(path);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body).toEqual({ error: { code: 'invalid_request', message: expect.stringMatching(message) }, requestId: res.headers.get('x-request-id') });
      expect(requests).toEqual([]);
    });
  }

  it('takes a topic of exactly 200 characters', async () => {
    const { get } = briefPageApp();
    expect((await get(`/brief?topic=${'a'.repeat(200)}`)).status).toBe(200);
  });

  it('answers 503 not_ready while the index loads, and 405 to a POST', async () => {
    const notReady = briefPageApp({ deps: { ready: () => undefined } });
    const res = await notReady.get('/brief');
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('not_ready');
    const { app } = briefPageApp();
    const posted = await app.request(post('/brief', {}));
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('GET /brief and the question rate limit', () => {
  it('costs a question: it shares the client’s budget with /api/ask', async () => {
    const { app, get } = briefPageApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    expect((await get('/brief')).status).toBe(200);
    expect((await app.request(post('/api/ask', { question: 'What is ISKP?' }))).status).toBe(200);
    expect((await get('/brief?topic=Pakistan')).status).toBe(200);
    const limited = await get('/brief');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await app.request(post('/api/ask', { question: 'What is ISKP?' }))).status).toBe(429);
  });

  it('leaves the stylesheet alone', async () => {
    const { get } = briefPageApp({ env: { RATE_LIMIT_PER_MINUTE: '1' } });
    await get('/brief');
    for (let i = 0; i < 3; i++) expect((await get('/brief.css')).status).toBe(200);
  });
});
