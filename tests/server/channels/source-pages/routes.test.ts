import { describe, expect, it } from 'vitest';
import { formatCitation } from '../../../../src/core/corpus/format-citation';
import { source, sourcePagesApp } from './stand-in';

const SENTENCE = 'Its strategy on a regional and international level comprises interlinked media warfare and kinetic action.';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const q = (text: string) => `?q=${encodeURIComponent(text)}`;

describe('GET /sources/:id', () => {
  it('serves the source as an HTML page with the quote marked, under a same-origin-only CSP', async () => {
    const { get } = sourcePagesApp();
    const res = await get(`/sources/tassev-2024-abstract${q(SENTENCE)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toBe(CSP);
    expect(csp).not.toMatch(/unsafe-|\*|data:|https?:|connect-src/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(await res.text()).toContain(`<mark class="quote" id="quote">${SENTENCE}</mark>`);
  });

  it('reads + as a space and tolerates typographic quotes and other whitespace in q', async () => {
    const { get } = sourcePagesApp();
    const plus = await get(`/sources/tassev-2024-abstract?q=${SENTENCE.replaceAll(' ', '+')}`);
    expect(await plus.text()).toContain(`id="quote">${SENTENCE}</mark>`);
    const straight = await get(`/sources/tassev-2024${q(`Islamic State-Khorasan's  Recent\nReorganization`)}`);
    expect(await straight.text()).toContain('<mark class="quote" id="quote">Islamic State-Khorasan’s Recent Reorganization</mark>');
  });

  const hostile: [string, string][] = [
    ['markup', q('<script>alert(1)</script><img src=x onerror=alert(1)>')],
    ['markup that closes an attribute', q('"><svg onload=alert(1)>')],
    ['10 KB of markup', q('<script>alert(1)</script>'.repeat(410))],
    ['10 KB of the abstract’s own words', q(`${SENTENCE} `.repeat(100))],
    ['broken UTF-8 (a lone surrogate’s bytes)', '?q=%ED%A0%80'],
    ['a truncated UTF-8 sequence', '?q=%F0%9F'],
    ['a %u escape', '?q=%uD800'],
    ['a bare percent', '?q=100%'],
    ['an empty q', '?q='],
    ['two q parameters', `${q(SENTENCE)}&q=${encodeURIComponent('<b>')}`],
  ];
  for (const [what, query] of hostile) {
    it(`answers ${what} in q with the page, nothing executable in it`, async () => {
      const { get } = sourcePagesApp();
      const res = await get(`/sources/tassev-2024-abstract${query}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toMatch(/<script>|<img|<svg|onerror=|onload=/);
      expect(html.match(/<script/g)).toHaveLength(1);
      expect(html.match(/id="quote"/g)?.length ?? 0).toBeLessThanOrEqual(1);
    });
  }

  it('takes a lone surrogate in a URL object (the URL parser writes U+FFFD) without error', async () => {
    const { app } = sourcePagesApp();
    const url = new URL('http://localhost/sources/tassev-2024-abstract');
    url.searchParams.set('q', 'a\uD800b');
    const res = await app.request(url.href);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('<mark');
  });

  it('reads only the first 2000 characters of q: a long quote marks its first 2000, junk after a sentence spoils it', async () => {
    const long = Array.from({ length: 300 }, (_, i) => `Sentence number ${i} of the notes.`).join(' ');
    const { get } = sourcePagesApp({ extra: [source({ id: 'notes-2024', kind: 'document', title: 'Notes', text: long })] });
    const marked = await (await get(`/sources/notes-2024${q(long)}`)).text();
    expect(marked.match(/<mark/g)!.length).toBeGreaterThan(1);
    const text = [...marked.matchAll(/<mark[^>]*>([^<]*)<\/mark>/g)].map((m) => m[1]).join(' ');
    expect(text).toBe(long.slice(0, 2000));
    const spoiled = await get(`/sources/tassev-2024-abstract${q(SENTENCE + 'x'.repeat(10_000))}`);
    expect(spoiled.status).toBe(200);
    expect(await spoiled.text()).not.toContain('<mark');
  });

  it('answers an unknown id with an HTML 404 page to a browser, under the same CSP', async () => {
    const { get } = sourcePagesApp();
    const res = await get('/sources/%3Cscript%3Ealert(1)%3C%2Fscript%3E', HTML);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    const html = await res.text();
    expect(html).toContain('<h1>No such source</h1>');
    expect(html).toContain('<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>');
    expect(html).not.toContain('<script>alert');
  });

  it('answers an unknown id with the API’s JSON error to a program', async () => {
    const { get } = sourcePagesApp();
    const res = await get('/sources/nobody-1999');
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body).toEqual({ error: { code: 'source_not_found', message: 'No source with id "nobody-1999". GET /sources lists them.' }, requestId: res.headers.get('x-request-id') });
  });

  it('answers 503 not_ready while the index loads, and 405 to a POST', async () => {
    const notReady = sourcePagesApp({ deps: { ready: () => undefined } });
    const res = await notReady.get('/sources/tassev-2024', HTML);
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('not_ready');
    const { app } = sourcePagesApp();
    const posted = await app.request('http://localhost/sources/tassev-2024', { method: 'POST' });
    expect(posted.status).toBe(405);
  });

  it('keeps the host guard: a name the server does not answer for is refused', async () => {
    const { app } = sourcePagesApp();
    const res = await app.request('http://rebind.example/sources/tassev-2024');
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('host_not_allowed');
  });
});

describe('GET /sources', () => {
  it('lists every source as a link to its page, under the same CSP', async () => {
    const { get, sources } = sourcePagesApp();
    const res = await get('/sources');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    const html = await res.text();
    for (const s of sources) expect(html).toContain(`href="/sources/${s.id}"`);
  });
});

describe('GET /sources/:id/export', () => {
  const formats = [
    ['apa', 'text/plain; charset=utf-8', 'txt'],
    ['bibtex', 'application/x-bibtex; charset=utf-8', 'bib'],
    ['ris', 'application/x-research-info-systems; charset=utf-8', 'ris'],
    ['csl', 'application/vnd.citationstyles.csl+json; charset=utf-8', 'json'],
  ] as const;
  for (const [format, type, extension] of formats) {
    it(`serves ${format} as a file, the same text as /api/sources/:id?format=${format}`, async () => {
      const { get, sources } = sourcePagesApp();
      const res = await get(`/sources/hamming-2023/export?format=${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="hamming-2023.${extension}"`);
      const text = await res.text();
      expect(text).toBe(formatCitation(sources.find((s) => s.id === 'hamming-2023')!, format));
      expect(text).toBe(await (await get(`/api/sources/hamming-2023?format=${format}`)).text());
    });
  }

  it('formats as the names say: APA with the year, BibTeX from @, RIS tags, CSL-JSON with an id', async () => {
    const { get } = sourcePagesApp();
    const text = async (format: string) => (await get(`/sources/tassev-2024-abstract/export?format=${format}`)).text();
    expect(await text('apa')).toContain('(2024)');
    expect(await text('bibtex')).toMatch(/^@article\{tassev-2024-abstract,/);
    expect(await text('ris')).toMatch(/^TY {2}- JOUR\n[\s\S]*\nER {2}- $/);
    expect(JSON.parse(await text('csl'))).toMatchObject({ id: 'tassev-2024-abstract', type: 'article-journal' });
  });

  it('refuses a missing or unknown format with 400 invalid_format, and an unknown id with 404', async () => {
    const { get } = sourcePagesApp();
    for (const path of ['/sources/hamming-2023/export', '/sources/hamming-2023/export?format=json', '/sources/hamming-2023/export?format=%3Cb%3E']) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error).toEqual({ code: 'invalid_format', message: 'format must be one of apa, bibtex, ris, csl.' });
    }
    const missing = await get('/sources/nobody-1999/export?format=apa');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('source_not_found');
  });
});

describe('the source pages and the API’s guards', () => {
  it('need no API key when API_KEYS is set: pages and their downloads sit outside /api/*', async () => {
    const { get } = sourcePagesApp({ env: { API_KEYS: 'k'.repeat(32) } });
    expect((await get('/sources')).status).toBe(200);
    expect((await get(`/sources/tassev-2024-abstract${q(SENTENCE)}`)).status).toBe(200);
    expect((await get('/sources/tassev-2024-abstract/export?format=bibtex')).status).toBe(200);
    expect((await get('/sources.js')).status).toBe(200);
    expect((await get('/api/sources/tassev-2024-abstract?format=bibtex')).status).toBe(401);
  });

  it('are not rate-limited like questions', async () => {
    const { get } = sourcePagesApp({ env: { RATE_LIMIT_PER_MINUTE: '1' } });
    for (let i = 0; i < 5; i++) {
      expect((await get('/sources/tassev-2024')).status).toBe(200);
      expect((await get('/sources/tassev-2024/export?format=ris')).status).toBe(200);
    }
  });
});

describe('GET /sources.css and /sources.js', () => {
  it('serves the stylesheet, responsive and with a visible focus', async () => {
    const { get } = sourcePagesApp();
    const res = await get('/sources.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const css = await res.text();
    expect(css).toContain('@media (max-width: 600px)');
    expect(css).toContain(':focus-visible');
  });

  it('serves the copy script as JavaScript that parses', async () => {
    const { get } = sourcePagesApp();
    const res = await get('/sources.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await res.text();
    expect(() => new Function(js)).not.toThrow();
    expect(js).not.toMatch(/\beval\(|innerHTML|fetch\(/);
  });
});
