import { describe, expect, it } from 'vitest';
import { DEMO_CSP } from '../../../src/server/channels/widget/demo-page';
import { ask, get, httpApp, post, SITE } from './harness';

const script = { widgetScript: () => 'console.log("widget")' };

describe('security headers', () => {
  it('are on every response, errors included, with a request id', async () => {
    const { send } = await httpApp({ WIDGET_ALLOWED_ORIGINS: SITE }, script);
    const requests = [get('/healthz'), get('/readyz'), ask(), get('/api/sources'), get('/nope'), get('/api/ask'), post('/api/ask', '{'), get('/widget.js'), get('/demo.css')];
    for (const req of requests) {
      const res = await send(req);
      expect(res.headers.get('x-content-type-options'), req.url).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-request-id')).toMatch(/\S/);
      expect(res.headers.get('x-powered-by')).toBeNull();
      // HSTS is the TLS terminator's to set.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('forbid loading or framing anything from API responses', async () => {
    const { send } = await httpApp();
    const res = await send(ask());
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('keep the demo page’s own strict CSP: own scripts, styles and API only; no inline code, no eval, no framing', async () => {
    const { send } = await httpApp();
    const csp = (await send(get('/'))).headers.get('content-security-policy')!;
    expect(csp).toBe("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-|\*|data:|https?:/);
    expect(Object.keys(DEMO_CSP)).toContain('defaultSrc');
  });

  it('let any site load /widget.js (CORP cross-origin) while the API stays same-origin for no-cors loads', async () => {
    const { send } = await httpApp({}, script);
    const res = await send(get('/widget.js'));
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('leave the widget API’s CORS to origins.ts: an allowed site reads answers and errors, others get none', async () => {
    const { send } = await httpApp({ WIDGET_ALLOWED_ORIGINS: SITE });
    const ok = await send(ask(undefined, { origin: SITE }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SITE);
    const bad = await send(post('/api/ask', '{', { origin: SITE }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(SITE);
    const foreign = await send(ask(undefined, { origin: 'https://evil.example' }));
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
