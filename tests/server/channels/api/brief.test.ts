import { beforeAll, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../../../src/core/answer/types';
import type { Briefing } from '../../../../src/core/brief/types';
import { createTestApp } from '../../../helpers/app';

/** What identical requests share: everything but the time the briefing was made. */
const timeless = (b: Briefing) => ({ ...b, generatedAt: '', markdown: b.markdown?.replace(/_Generated [^,]*,/, '') });

describe('POST /api/brief', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000' });
  });

  it.each([undefined, 'Central Asia', "ISKP's media strategy", 'the Taliban'])('briefs on %s with the documented shape, every marker cited and every citation used', async (topic) => {
    const res = await t.post('/api/brief', topic ? { topic } : {});
    expect(res.status).toBe(200);
    const b = (await res.json()) as Briefing;
    expect(Object.keys(b)).toEqual(expect.arrayContaining(['title', 'topic', 'bottomLine', 'sections', 'readNext', 'citations', 'mode', 'answerable', 'generatedAt']));
    expect(b).toMatchObject({ topic: topic ?? null, answerable: true, mode: 'extractive' });
    const texts = [b.bottomLine, ...b.sections.flatMap((s) => s.points)];
    const markers = new Set(texts.flatMap((x) => [...x.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]))));
    expect([...markers].sort((x, y) => x - y)).toEqual(b.citations.map((c) => c.n));
    for (const s of b.sections) expect(s).toMatchObject({ id: expect.any(String), heading: expect.any(String), points: expect.any(Array) });
  });

  it('declines the price of bitcoin, with follow-up suggestions', async () => {
    const b = (await (await t.post('/api/brief', { topic: 'The price of bitcoin' })).json()) as Briefing;
    expect(b).toMatchObject({ answerable: false, sections: [], citations: [] });
    expect(b.followUps!.length).toBeGreaterThan(0);
  });

  it('answers in Markdown when asked with Accept: text/markdown', async () => {
    const res = await t.post('/api/brief', { topic: 'Central Asia' }, { accept: 'text/markdown' });
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    const md = await res.text();
    expect(md).toMatch(/^# Briefing: Central Asia\n/);
    expect(md).toMatch(/\n## Sources\n\n1\. /);
    const json = await t.post('/api/brief', { topic: 'Central Asia' }, { accept: 'application/json, text/markdown;q=0.5' });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it.each([
    [{ topic: '' }, 'topic: topic must not be empty'],
    [{ topic: 'x'.repeat(201) }, 'topic: topic must be at most 200 characters'],
    [{ length: 'long' }, 'length: length must be "short" or "standard"'],
    [{ topic: 42 }, 'topic: topic must be a string'],
  ])('rejects %j with a 400 naming the field', async (body, message) => {
    const res = await t.post('/api/brief', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_request', message } });
  });

  it('counts against the question rate limit', async () => {
    const limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await limited.post('/api/brief', { topic: 'Central Asia' })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('a request for a briefing in /api/ask and /api/chat', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000' });
  });

  it('gets the briefing in a new field, its lines as the plain answer, the citations as usual', async () => {
    const r = (await (await t.post('/api/ask', { question: 'Give me the rundown on Central Asia' })).json()) as AskResponse;
    expect(r.answerable).toBe(true);
    expect(r.briefing).toMatchObject({ topic: 'Central Asia', answerable: true });
    expect(r.answer).toMatch(/^Bottom line: According to Tassev \(2024\)/);
    expect(r.answer).toContain('\nThe current situation\n- ');
    expect(r.citations).toEqual(r.briefing!.citations);
    expect(r.briefing!.markdown).toMatch(/^# Briefing: Central Asia/);
    const direct = (await (await t.post('/api/brief', { topic: 'Central Asia' })).json()) as Briefing;
    expect(timeless(r.briefing!)).toEqual(timeless(direct));
  });

  it('leaves a question that only looks like one to be answered', async () => {
    const r = (await (await t.post('/api/ask', { question: "What should I know about the Taliban's view of ISKP?" })).json()) as AskResponse;
    expect(r.briefing).toBeUndefined();
  });

  it('streams a briefing as text, one briefing-section event per section, and the whole object at the end', async () => {
    const res = await t.post('/api/chat', { question: 'Brief me on the paper' });
    const events = [...(await res.text()).matchAll(/event: ([\w-]+)\ndata: (.*)\n/g)].map((m) => ({ event: m[1], data: JSON.parse(m[2]!) }));
    const end = events.at(-1)!;
    expect(end.event).toBe('answer-end');
    const sections = events.filter((e) => e.event === 'briefing-section').map((e) => e.data);
    expect(sections).toEqual(end.data.briefing.sections);
    expect(events.filter((e) => e.event === 'answer-delta').map((e) => e.data.text).join('')).toBe(end.data.answer);
    // Each section's event comes once its heading and points have been sent as text.
    let sent = '';
    for (const e of events) {
      if (e.event === 'answer-delta') sent += e.data.text;
      if (e.event === 'briefing-section') for (const p of e.data.points) expect(sent).toContain(p.text);
    }
  });
});
