import { describe, expect, it } from 'vitest';
import { isSlackHook, parseSlackForm } from '../../../../src/server/channels/slack/slack-form';
import { mention, RESPONSE_URL, signatureHeaders, useSlackSuite } from './harness';

const HOOKS = 'https://hooks.slack.com';

describe('parseSlackForm', () => {
  it('reads the forms Slack sends', () => {
    expect(parseSlackForm('command=%2Fiskp&text=hi&response_url=x&user_id=U1')?.get('text')).toBe('hi');
    expect(parseSlackForm('payload=%7B%7D')?.get('payload')).toBe('{}');
  });

  it('refuses a body that is not one: JSON, or field names no Slack form has', () => {
    expect(parseSlackForm('{"type":"event_callback","event":{"text":"&command=/iskp&response_url=http://x"}}')).toBeUndefined();
    expect(parseSlackForm('Command=x')).toBeUndefined();
    expect(parseSlackForm('a-b=1')).toBeUndefined();
  });
});

describe('isSlackHook', () => {
  it('accepts https URLs on Slack’s hooks host', () => {
    expect(isSlackHook('https://hooks.slack.com/commands/T1/123/abc', HOOKS)).toBe(true);
    expect(isSlackHook('https://hooks.slack.com/actions/T1/123/abc', HOOKS)).toBe(true);
  });

  it('refuses any other scheme, host, port or credentials, and a path outside the configured prefix', () => {
    for (const url of ['http://hooks.slack.com/commands/1', 'https://hooks.slack.com.evil.example/x', 'https://evil.example/https://hooks.slack.com/', 'https://hooks.slack.com:8443/x', 'https://user:pw@hooks.slack.com/x', 'not a url', '', null]) {
      expect(isSlackHook(url, HOOKS), String(url)).toBe(false);
    }
    expect(isSlackHook('http://127.0.0.1:9/response/1', 'http://127.0.0.1:9/response')).toBe(true);
    expect(isSlackHook('http://127.0.0.1:9/api/chat.postMessage', 'http://127.0.0.1:9/response')).toBe(false);
  });
});

describe('Slack routes take only their own body shape', () => {
  const t = useSlackSuite();
  const outbound: string[] = [];
  const record = ({ request }: { request: Request }) => void outbound.push(request.url);
  const send = (path: string, body: string, contentType: string) =>
    t.slack.app.request(path, { method: 'POST', headers: { 'content-type': contentType, ...signatureHeaders(body) }, body });

  it('refuses a signed events body replayed to /slack/commands with 400, and calls nobody', async () => {
    t.server.events.on('request:start', record);
    try {
      const events = JSON.stringify(mention('hi &command=/iskp&text=Who+wrote+it&response_url=http://attacker.example/x&user_id=U1'));
      for (const contentType of ['application/x-www-form-urlencoded', 'application/json']) {
        const res = await send('/slack/commands', events, contentType);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: { code: 'invalid_request' } });
        expect((await send('/slack/interactions', events, contentType)).status).toBe(400);
      }
      await t.slack.settle();
      expect(outbound).toEqual([]);
    } finally {
      t.server.events.removeListener('request:start', record);
    }
  });

  it('refuses a command or an interaction whose response_url is not on Slack’s hooks host, before any work', async () => {
    t.server.events.on('request:start', record);
    try {
      for (const responseUrl of ['http://attacker.example/x', 'http://hooks.slack.test/commands/1', '']) {
        expect((await t.slack.postCommand({ text: 'Who wrote the paper?', response_url: responseUrl })).status, responseUrl).toBe(400);
        expect((await t.slack.postCommand({ text: 'help', response_url: responseUrl })).status, responseUrl).toBe(400);
      }
      const vote = { type: 'block_actions', user: { id: 'U1' }, response_url: 'https://attacker.example/x', actions: [{ action_id: 'post_to_channel', value: 'x' }] };
      expect((await t.slack.postInteraction(vote)).status).toBe(400);
      await t.slack.settle();
      expect(outbound).toEqual([]);
    } finally {
      t.server.events.removeListener('request:start', record);
    }
    expect((await t.slack.postCommand({ text: 'help', response_url: RESPONSE_URL })).status).toBe(200);
  });

  it('refuses a form, or JSON that is not a known envelope, on /slack/events', async () => {
    expect((await send('/slack/events', 'command=%2Fiskp&text=hi', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect((await send('/slack/events', JSON.stringify({ type: 'block_actions', event: {} }), 'application/json')).status).toBe(400);
    expect((await send('/slack/events', JSON.stringify({ type: 'url_verification', challenge: 'c' }), 'application/json')).status).toBe(200);
  });
});
