import { describe, expect, it } from 'vitest';
import { createApp } from '../../../../src/server/app';
import { type AppDeps } from '../../../../src/server/env';
import { DEMO_CSS, DEMO_HTML } from '../../../../src/server/channels/widget/demo-assets';
import { parseConfig } from '../../../../src/config';
import { silentLogger } from '../../../../src/core/log';

const appWith = (deps: Partial<AppDeps> = {}) =>
  createApp({ config: parseConfig({}), logger: silentLogger, ready: () => undefined, waitUntil: () => {}, ...deps });

describe('GET /widget.js', () => {
  it('serves the script it is handed, embeddable from any site', async () => {
    const res = await appWith({ widgetScript: async () => 'console.log("widget");' }).request('/widget.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log("widget");');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('answers a matching If-None-Match with 304 and no body, and a changed script with a new ETag', async () => {
    let script = 'one();';
    const app = appWith({ widgetScript: () => script });
    const etag = (await app.request('/widget.js')).headers.get('etag')!;
    const cached = await app.request('/widget.js', { headers: { 'If-None-Match': `W/"other", ${etag}` } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
    // What lets another site keep using its cached copy stays on the 304.
    expect([cached.headers.get('etag'), cached.headers.get('cross-origin-resource-policy'), cached.headers.get('cache-control')]).toEqual([etag, 'cross-origin', 'public, max-age=300']);
    script = 'two();';
    const changed = await app.request('/widget.js', { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('answers 503 widget_unavailable when the runtime handed in no script', async () => {
    const res = await appWith().request('/widget.js');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'widget_unavailable' } });
  });
});

describe('GET / (the demo page)', () => {
  it('is a page about the paper with the widget embedded by one script tag', async () => {
    const res = await appWith().request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toBe(DEMO_HTML);
    expect(html).toContain('The Islamic State-Khorasan’s Recent Reorganization and Remaining Threat for Central Asia in 2024');
    expect(html).toContain('Ivaylo Valentinov Tassev');
    expect(html).toMatch(/<script src="\/widget\.js"[^>]* async><\/script>/);
  });

  it('sends a CSP that allows only its own scripts, styles and API calls', async () => {
    const res = await appWith().request('/');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(html(await res.text())).not.toMatch(/<style|\sstyle=|<script>|\son\w+=/i);
  });

  it('serves its stylesheet and script', async () => {
    const css = await appWith().request('/demo.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe(DEMO_CSS);
    expect((await appWith().request('/demo.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });
});

/** The page's markup minus the code sample, which shows a script tag as text. */
const html = (page: string) => page.replace(/<pre>[\s\S]*?<\/pre>/g, '');
