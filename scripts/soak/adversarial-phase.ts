/**
 * The soak's adversarial phase: each worst case (./adversarial.ts) at the limits, one request at a
 * time, on `/api/ask` and `/api/chat` (with a full history of them) and as a signed Slack mention,
 * while `/healthz` is probed throughout. Reports each route's worst latency and whether /healthz
 * slowed, against a quiet baseline taken just before.
 */
import { createHmac } from 'node:crypto';
import { REQUEST_LIMITS } from '../../src/core/answer/limits';
import { percentile } from '../bench/stats';
import { adversarialTexts, SLACK_TEXT_CHARS } from './adversarial';

/** The soak's target for one worst-case request at the limits. */
export const ADVERSARIAL_TARGET_MS = 50;
export const SLACK_SIGNING_SECRET = 'soak-signing-secret';

export interface AdversarialReport {
  rows: { route: string; requests: number; statuses: string; worstMs: number; worstCase: string }[];
  health: { quietP50: number; quietMax: number; duringP50: number; duringMax: number };
  worstMs: number;
}

async function timedFetch(url: string, init?: RequestInit): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

export async function adversarialPhase(baseUrl: string): Promise<AdversarialReport> {
  const probe = () => timedFetch(`${baseUrl}/healthz`).then((r) => r.ms);
  const quiet: number[] = [];
  for (let i = 0; i < 50; i++) quiet.push(await probe());

  const during: number[] = [];
  let probing = true;
  const prober = (async () => {
    while (probing) during.push(await probe());
  })();

  const questions = adversarialTexts(REQUEST_LIMITS.questionChars);
  const turns = adversarialTexts(REQUEST_LIMITS.turnChars);
  const history = [{ role: 'user', content: 'What is ISKP?' }, ...turns.slice(0, REQUEST_LIMITS.historyTurns - 1).map((t, i) => ({ role: i % 2 ? 'assistant' : 'user', content: t.text }))];
  // A fresh client per request: the phase measures the worst case, not the rate limit.
  let client = 0;
  const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${client++ % 250}` }, body: JSON.stringify(body) });
  const signed = (body: string) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', SLACK_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature }, body };
  };
  const mention = (text: string, n: number) =>
    JSON.stringify({ type: 'event_callback', event_id: `EvSoak${n}`, event: { type: 'app_mention', user: 'U1', channel: 'C1', ts: `1700000000.${String(n).padStart(6, '0')}`, text: `<@UBOT> ${text}` } });

  const routes: { route: string; send: (text: string, n: number) => Promise<{ status: number; ms: number }>; texts: ReturnType<typeof adversarialTexts> }[] = [
    { route: 'POST /api/ask', send: (text) => timedFetch(`${baseUrl}/api/ask`, json({ question: text, history })), texts: questions },
    { route: 'POST /api/chat (SSE)', send: (text) => timedFetch(`${baseUrl}/api/chat`, json({ question: text, history })), texts: questions },
    { route: 'POST /slack/events', send: (text, n) => timedFetch(`${baseUrl}/slack/events`, signed(mention(text, n))), texts: adversarialTexts(SLACK_TEXT_CHARS) },
  ];
  const rows: AdversarialReport['rows'] = [];
  let n = 0;
  for (const { route, send, texts } of routes) {
    const statuses = new Map<number, number>();
    let worst = { ms: 0, name: '' };
    for (const { name, text } of texts) {
      const { status, ms } = await send(text, n++);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (ms > worst.ms) worst = { ms, name };
    }
    rows.push({ route, requests: texts.length, statuses: [...statuses].map(([s, k]) => `${s}×${k}`).join(' '), worstMs: worst.ms, worstCase: worst.name });
  }
  // Slack's answers run after the acknowledgement: give them time to show on /healthz.
  await new Promise((r) => setTimeout(r, 500));
  probing = false;
  await prober;
  return {
    rows,
    health: { quietP50: percentile(quiet, 50), quietMax: Math.max(...quiet), duringP50: percentile(during, 50), duringMax: Math.max(...during) },
    worstMs: Math.max(...rows.map((r) => r.worstMs)),
  };
}
