import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../src/server/env';
import { createStaticAsset, IMMUTABLE, REVALIDATE, serveStaticAsset } from '../../../src/server/http/static-asset';
import { get, httpApp } from './harness';

describe('static assets at versioned URLs', () => {
  const asset = createStaticAsset('/site.css', 'text/css; charset=utf-8', 'body { color: black; }');
  const app = new Hono<AppEnv>();
  serveStaticAsset(app, asset);

  it('versions the URL by the content: the same content the same URL, any change a new one', () => {
    expect(asset.url).toMatch(/^\/site\.css\?v=[0-9a-f]{16}$/);
    expect(createStaticAsset('/site.css', 'text/css', 'body { color: black; }').url).toBe(asset.url);
    expect(createStaticAsset('/site.css', 'text/css', 'body { color: black;  }').url).not.toBe(asset.url);
    expect(asset.etag).toBe(`"${asset.version}"`);
  });

  it('caches the versioned URL for a year, immutable; the bare or an old version briefly', async () => {
    const versioned = await app.request(asset.url);
    expect([versioned.status, versioned.headers.get('cache-control'), await versioned.text()]).toEqual([200, IMMUTABLE, 'body { color: black; }']);
    expect(versioned.headers.get('content-type')).toBe('text/css; charset=utf-8');
    // A page cached from before a deploy asks for the old version: the new content must not be kept under it for a year.
    for (const url of ['/site.css', '/site.css?v=0123456789abcdef']) expect((await app.request(url)).headers.get('cache-control')).toBe(REVALIDATE);
  });

  it('answers a revalidation by ETag with 304', async () => {
    const res = await app.request(asset.url, { headers: { 'If-None-Match': asset.etag } });
    expect([res.status, res.headers.get('etag'), await res.text()]).toEqual([304, asset.etag, '']);
  });
});

describe('the pages reference their assets by versioned URL, and those are cached for a year', () => {
  const assetUrls = (html: string) => [...html.matchAll(/<(?:link rel="stylesheet" href|script src)="(\/[\w.]+\?v=[0-9a-f]{16})"/g)].map((m) => m[1]!);

  it.each([
    ['the demo page', '/', 2],
    ['a source page', '/sources/tassev-2024-abstract', 2],
    ['the list of sources', '/sources', 1],
    ['the briefing page', '/brief?topic=Central%20Asia', 1],
  ])('%s', async (_name, path, count) => {
    const { send } = await httpApp({ RATE_LIMIT_PER_MINUTE: '0' });
    const page = await send(get(path));
    expect(page.status).toBe(200);
    const urls = assetUrls(await page.text());
    expect(urls).toHaveLength(count);
    for (const url of urls) {
      const res = await send(get(url));
      expect([url, res.status, res.headers.get('cache-control')]).toEqual([url, 200, IMMUTABLE]);
    }
  });

  it('serves the demo page itself to be revalidated every time, with a 304 while it is unchanged', async () => {
    const { send } = await httpApp();
    const page = await send(get('/'));
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const etag = page.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect((await send(get('/', { 'If-None-Match': etag }))).status).toBe(304);
  });
});
