import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createPublicOrigin, withAbsoluteLinks } from '../../../src/server/http/public-origin';
import type { AskResponse } from '../../../src/core/answer/types';

/** The origin a request to `url` with `headers` gets, under the options. */
async function originOf(options: Parameters<typeof createPublicOrigin>[0], url: string, headers: Record<string, string> = {}) {
  const app = new Hono();
  const origin = createPublicOrigin(options);
  app.get('*', (c) => c.text(origin(c)));
  return (await app.request(url, { headers })).text();
}

describe('the origin links are made on', () => {
  it('is PUBLIC_URL’s whenever it is set, whatever the request says', async () => {
    expect(await originOf({ publicUrl: 'https://bot.example.org/some/path', trustProxy: true }, 'http://10.0.0.5:3000/api/ask', { 'x-forwarded-host': 'evil.example' })).toBe('https://bot.example.org');
  });

  it('is the request’s own without it, and ignores forwarded headers unless the proxy is trusted', async () => {
    expect(await originOf({ trustProxy: false }, 'http://localhost:3000/api/ask', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' })).toBe('http://localhost:3000');
  });

  it('behind TRUST_PROXY, is what our proxy wrote (the right-most value), and ignores a value that is no host', async () => {
    expect(await originOf({ trustProxy: true }, 'http://10.0.0.5:3000/x', { 'x-forwarded-host': 'spoof.example, bot.example.org', 'x-forwarded-proto': 'https' })).toBe('https://bot.example.org');
    expect(await originOf({ trustProxy: true }, 'http://10.0.0.5:3000/x', { 'x-forwarded-host': 'bot.example.org/evil?', 'x-forwarded-proto': 'javascript' })).toBe('http://10.0.0.5:3000');
  });
});

describe('withAbsoluteLinks', () => {
  const citation = { n: 1, sourceId: 'a', kind: 'abstract' as const, title: 'T', authors: [], year: 2024, container: null, publisher: null, quote: 'Q.', url: '/sources/a?q=Q.#quote' };
  it('makes every citation’s link absolute, a briefing’s included, and leaves an absolute one alone', () => {
    const response: AskResponse = { answer: 'A [1].', answerable: true, mode: 'extractive', query: 'q', followUps: [], citations: [citation], briefing: { title: 't', topic: null, bottomLine: { text: 'A [1].', citations: [1] }, sections: [], readNext: [], citations: [citation], mode: 'extractive', answerable: true, generatedAt: '' } };
    const out = withAbsoluteLinks(response, 'https://bot.example.org');
    expect(out.citations[0]!.url).toBe('https://bot.example.org/sources/a?q=Q.#quote');
    expect(out.briefing!.citations[0]!.url).toBe('https://bot.example.org/sources/a?q=Q.#quote');
    expect(withAbsoluteLinks(out, 'https://other.example').citations[0]!.url).toBe('https://bot.example.org/sources/a?q=Q.#quote');
  });
});
