import { describe, expect, it } from 'vitest';
import { ask, httpApp } from './harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const requestLine = (logs: Record<string, unknown>[]) => logs.find((l) => l.msg === 'request')!;

describe('request ids', () => {
  it('gives each request a fresh id, whatever X-Request-Id a client sends, and logs the client’s value apart', async () => {
    const { send, logs } = await httpApp();
    const res = await send(ask(undefined, { 'x-request-id': 'someone-elses-request-0001' }));
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(requestLine(logs)).toMatchObject({ requestId: id, clientRequestId: 'someone-elses-request-0001' });
  });

  it('adopts the id of our own proxy (TRUST_PROXY) when it is a well-formed token', async () => {
    const { send, logs } = await httpApp({ TRUST_PROXY: 'true' });
    const res = await send(ask(undefined, { 'x-request-id': 'edge-7f3a9c21:42' }));
    expect(res.headers.get('x-request-id')).toBe('edge-7f3a9c21:42');
    expect(requestLine(logs).requestId).toBe('edge-7f3a9c21:42');
    expect(requestLine(logs)).not.toHaveProperty('clientRequestId');
  });

  it('ignores even a proxy’s id when it is not in the strict format, and caps what it logs of it', async () => {
    const { send, logs } = await httpApp({ TRUST_PROXY: 'true' });
    const forged = `a b\n${'x'.repeat(500)}`;
    const res = await send(ask(undefined, { 'x-request-id': 'short' }));
    expect(res.headers.get('x-request-id')).toMatch(UUID);
    await send(ask(undefined, { 'x-request-id': forged.replace('\n', ' ') }));
    const lines = logs.filter((l) => l.msg === 'request');
    expect(lines.map((l) => l.clientRequestId)).toEqual(['short', forged.replace('\n', ' ').slice(0, 64)]);
  });
});
