import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../../src/server/app';
import { createSignatureVerifier } from '../../../../src/server/channels/slack/verify-signature';
import { createLogger } from '../../../../src/core/log';
import { loadTestEngine } from '../../../helpers/engine';
import { createSlackHarness, SECRET, signatureHeaders, slackStandIn } from './harness';

const encode = (s: string) => new TextEncoder().encode(s);

describe('Slack request signatures', () => {
  const now = Date.UTC(2024, 6, 26, 12, 0, 0);
  const verify = createSignatureVerifier(SECRET, () => now);
  const check = (body: string, headers: Record<string, string>) =>
    verify({ body: encode(body), timestamp: headers['x-slack-request-timestamp'], signature: headers['x-slack-signature'] });

  it('accepts a signature made with the signing secret over v0:timestamp:body', async () => {
    expect(await check('token=x&text=hello', signatureHeaders('token=x&text=hello', { at: now }))).toBe(true);
    expect(await check('{"é":"ü"}', signatureHeaders('{"é":"ü"}', { at: now - 299_000 }))).toBe(true);
  });

  it('refuses another secret, another body, a malformed or missing signature', async () => {
    const good = signatureHeaders('a=1', { at: now });
    expect(await check('a=1', signatureHeaders('a=1', { at: now, secret: 'other' }))).toBe(false);
    expect(await check('a=2', good)).toBe(false);
    expect(await check('a=1', { ...good, 'x-slack-signature': good['x-slack-signature'].replace('v0=', 'v1=') })).toBe(false);
    expect(await check('a=1', { ...good, 'x-slack-signature': 'v0=abc' })).toBe(false);
    expect(await check('a=1', { 'x-slack-request-timestamp': good['x-slack-request-timestamp'] })).toBe(false);
    expect(await check('a=1', { ...good, 'x-slack-request-timestamp': `${good['x-slack-request-timestamp']}.5` })).toBe(false);
  });

  it('refuses a correctly signed request more than five minutes old, or from the future', async () => {
    expect(await check('a=1', signatureHeaders('a=1', { at: now - 301_000 }))).toBe(false);
    expect(await check('a=1', signatureHeaders('a=1', { at: now + 301_000 }))).toBe(false);
  });

  describe('on the routes', () => {
    const { server } = slackStandIn();
    let engine: Awaited<ReturnType<typeof loadTestEngine>>;
    beforeAll(async () => {
      server.listen({ onUnhandledRequest: 'error' });
      engine = await loadTestEngine();
    });
    afterAll(() => server.close());

    it('answers 401 JSON before reading the body, to bad, stale and missing signatures alike', async () => {
      const slack = createSlackHarness(engine);
      const body = 'not json at all'; // parsed, this would be a 400
      for (const path of ['/slack/events', '/slack/commands', '/slack/interactions']) {
        for (const headers of [signatureHeaders(body, { secret: 'wrong' }), signatureHeaders(body, { at: Date.now() - 10 * 60_000 }), {}]) {
          const res = await slack.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
          expect(res.status).toBe(401);
          expect(await res.json()).toMatchObject({ error: { code: 'invalid_signature' } });
        }
      }
    });

    it('refuses an oversized body with 413 before hashing it', async () => {
      const slack = createSlackHarness(engine);
      const body = 'x'.repeat(1024 * 1024 + 1);
      const res = await slack.app.request('/slack/events', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...signatureHeaders(body) }, body });
      expect(res.status).toBe(413);
    });

    it('leaves the Slack routes off (404 JSON) without a signing secret, and says so at start', async () => {
      const lines: string[] = [];
      const app = createApp({ config: engine.config, logger: createLogger({ write: (l) => lines.push(l) }), ready: () => engine, waitUntil: () => {} });
      const res = await app.request('/slack/events', { method: 'POST', body: '{"type":"url_verification","challenge":"c"}' });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
      expect(lines.join('\n')).toMatch(/"msg":"slack off: set SLACK_SIGNING_SECRET/);
    });
  });
});
