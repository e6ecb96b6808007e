import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config';
import { silentLogger } from '../../../src/core/log';
import { createApp } from '../../../src/server/app';
import type { Ready } from '../../../src/server/env';
import { feedbackCsv } from '../../../src/server/feedback/csv';
import { createMemoryFeedback, createMemoryState } from '../../../src/server/state/memory-state';
import type { FeedbackStore } from '../../../src/server/state/shared-state';
import { documented } from '../../helpers/openapi';
import { SERVER, SITE, sharedEngine } from '../http/harness';
import { SAMPLE_VOTES } from '../../helpers/feedback-votes';

const KEY = 'maintainer-key-1';
const URL = `${SERVER}/api/feedback`;
const withKey = (key = KEY) => ({ authorization: `Bearer ${key}` });

const records = SAMPLE_VOTES;

let engine: Ready;
beforeAll(async () => {
  engine = await sharedEngine();
});

/**
 * The real app with votes in memory, every response checked against /openapi.json. API_KEYS is
 * set unless `env` clears it; `ready: false` is an app whose index is still loading.
 */
function feedbackApp(env: Record<string, string> = {}, { feedback = createMemoryFeedback([...records]), ready = true }: { feedback?: FeedbackStore; ready?: boolean } = {}) {
  const app = createApp({
    config: parseConfig({ EMBEDDER: 'lexical', PUBLIC_URL: SERVER, API_KEYS: KEY, ...env }),
    logger: silentLogger,
    ready: () => (ready ? engine : undefined),
    waitUntil: () => {},
    state: createMemoryState({ feedback }),
  });
  return { app: documented(app), raw: app };
}

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('GET /api/feedback: who may read the votes', () => {
  it('refuses a request without a key, asking for one', async () => {
    const res = await feedbackApp().app.request(URL);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(await errorCode(res)).toBe('unauthorized');
  });

  it('refuses a wrong key', async () => {
    const res = await feedbackApp().app.request(URL, { headers: withKey('guessed') });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('refuses a page on an allowed origin, which the rest of /api lets in without a key', async () => {
    const { app } = feedbackApp({ WIDGET_ALLOWED_ORIGINS: SITE });
    expect((await app.request(`${SERVER}/api/sources`, { headers: { origin: SITE } })).status).toBe(200);
    const res = await app.request(URL, { headers: { origin: SITE } });
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('unauthorized');
  });

  it("refuses the server's own page, which the rest of /api lets in without a key", async () => {
    const { app } = feedbackApp();
    const page = { 'sec-fetch-site': 'same-origin', referer: `${SERVER}/` };
    expect((await app.request(`${SERVER}/api/sources`, { headers: page })).status).toBe(200);
    expect((await app.request(URL, { headers: page })).status).toBe(401);
  });

  it('does not exist when the server sets no API_KEYS, key or not', async () => {
    const { app } = feedbackApp({ API_KEYS: '' });
    for (const headers of [{}, withKey()]) {
      const res = await app.request(URL, { headers });
      expect(res.status).toBe(404);
      expect(await errorCode(res)).toBe('not_found');
    }
  });
});

describe('GET /api/feedback with a key', () => {
  it('answers the review as JSON, never cached, with the titles of the loaded index', async () => {
    const res = await feedbackApp().app.request(URL, { headers: withKey() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const review = await res.json();
    expect(Object.keys(review).sort()).toEqual(['byMode', 'byOutcome', 'firstVoteAt', 'helpful', 'helpfulRate', 'lastVoteAt', 'mostNotHelpful', 'notHelpful', 'overTime', 'total']);
    expect(review).toMatchObject({ total: 2, helpful: 1, notHelpful: 1, helpfulRate: 0.5 });
    expect(review.mostNotHelpful).toEqual([
      {
        question: 'Who leads ISKP?',
        notHelpful: 1,
        helpful: 0,
        lastVoteAt: '2026-12-07T09:00:00.000Z',
        answer: 'I could not find that.',
        sources: [{ id: 'hamming-2023', title: engine.index.sourceById.get('hamming-2023')!.title, votes: 1 }],
      },
    ]);
  });

  it('needs no loaded index: sources are then named by id alone', async () => {
    const res = await feedbackApp({}, { ready: false }).app.request(URL, { headers: withKey() });
    expect(res.status).toBe(200);
    expect((await res.json()).mostNotHelpful[0].sources).toEqual([{ id: 'hamming-2023', votes: 1 }]);
  });

  it.each([
    ['?format=csv', {}],
    ['', { accept: 'text/csv' }],
    ['', { accept: 'text/csv, application/json;q=0.5' }],
  ])('answers every vote as a CSV download for %j %j', async (query, headers) => {
    const res = await feedbackApp().app.request(`${URL}${query}`, { headers: { ...withKey(), ...headers } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="feedback.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe(feedbackCsv(records));
  });

  it('answers JSON when the query asks for it, whatever Accept prefers, and when Accept prefers JSON', async () => {
    const { app } = feedbackApp();
    for (const [query, accept] of [
      ['?format=json', 'text/csv'],
      ['', 'application/json, text/csv;q=0.5'],
      ['', '*/*'],
    ] as const) {
      const res = await app.request(`${URL}${query}`, { headers: { ...withKey(), accept } });
      expect(res.headers.get('content-type'), `${query} ${accept}`).toMatch(/^application\/json/);
    }
  });

  it('refuses a format it does not know', async () => {
    const res = await feedbackApp().app.request(`${URL}?format=xlsx`, { headers: withKey() });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('invalid_request');
  });

  it('answers 503 feedback_unavailable, naming no internals, when the votes cannot be read', async () => {
    const failing: FeedbackStore = {
      append: async () => {},
      read: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.5:6379');
      },
    };
    const res = await feedbackApp({}, { feedback: failing }).app.request(URL, { headers: withKey() });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = await res.text();
    expect(JSON.parse(body).error.code).toBe('feedback_unavailable');
    expect(body).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|\bat /);
  });

  it('answers HEAD as GET without a body, behind the same key', async () => {
    // HEAD is Hono's GET without the body; the document lists GET alone, so this goes to the app directly.
    const { raw } = feedbackApp();
    expect((await raw.request(URL, { method: 'HEAD' })).status).toBe(401);
    const res = await raw.request(URL, { method: 'HEAD', headers: withKey() });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('');
  });
});
