import { describe, expect, it } from 'vitest';
import { httpApp, SERVER } from './harness';

describe('wrong method, unknown route', () => {
  it.each([
    ['GET', '/api/ask', 'POST'],
    ['PUT', '/api/chat', 'POST'],
    ['POST', '/api/sources', 'GET, HEAD'],
    ['DELETE', '/api/sources/hamming-2023', 'GET, HEAD'],
    ['POST', '/healthz', 'GET, HEAD'],
  ])('%s %s is 405 method_not_allowed as JSON with Allow: %s', async (method, path, allow) => {
    const { send } = await httpApp();
    const res = await send(new Request(`${SERVER}${path}`, { method }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(await res.json()).toMatchObject({ error: { code: 'method_not_allowed' }, requestId: res.headers.get('x-request-id') });
  });

  it('answers an unknown path with 404 not_found as JSON, whatever the method', async () => {
    const { send } = await httpApp();
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await send(new Request(`${SERVER}/api/nope`, { method }));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('keeps a 404 from a route (an unknown source) a 404', async () => {
    const { send } = await httpApp();
    const res = await send(new Request(`${SERVER}/api/sources/nobody-1999`));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('source_not_found');
  });
});
