import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { replay } from '../../../../src/core/answer/answerer';
import type { Answerer, AskResponse, Citation } from '../../../../src/core/answer/types';
import type { Briefing } from '../../../../src/core/brief/types';
import { createApp } from '../../../../src/server/app';
import type { Ready } from '../../../../src/server/env';
import type { FeedbackRecord } from '../../../../src/server/feedback/record';
import { createMemoryFeedback, createMemoryState } from '../../../../src/server/state/memory-state';
import { createLogger } from '../../../../src/core/log';
import { loadTestEngine } from '../../../helpers/engine';
import { responseViolations, slackViolations, type Workspace } from '../../../helpers/slack-stand-in';

/** A reference citation numbered `n`, with a source page URL: what the block builders render. */
export const fixtureCitation = (n: number, extra: Partial<Citation> = {}): Citation => ({
  n,
  sourceId: `src-${n}`,
  kind: 'reference',
  title: `Title ${n}`,
  authors: ['Doe, J.'],
  year: 2023,
  container: null,
  publisher: 'Outlet',
  quote: `Quote ${n}.`,
  url: `https://bot.example.org/sources/src-${n}?q=Quote%20${n}.#quote`,
  ...extra,
});

export const SECRET = 'test-signing-secret';
export const SLACK_API = 'https://slack.test/api';
export const RESPONSE_URL = 'https://hooks.slack.test/commands/T1/123/abc';
export const BOT_USER = 'UBOT';

type Engine = Awaited<ReturnType<typeof loadTestEngine>>;

/** A realistic briefing (tests/fixtures/briefing.json), fresh for each caller to change. */
export const fixtureBriefing = (): Briefing => JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/briefing.json'), 'utf8')) as Briefing;

/** Slack's signature, computed independently of the code under test (node:crypto, not Web Crypto). */
export function signatureHeaders(body: string, { secret = SECRET, at = Date.now() }: { secret?: string; at?: number } = {}) {
  const timestamp = String(Math.floor(at / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature };
}

/**
 * The real app over the real engine with Slack turned on, its background work collected so a
 * test can wait for it (`settle`), its log lines and feedback records kept for assertions.
 */
export function createSlackHarness(engine: Engine, { answerer, env = {}, ready = true }: { answerer?: (real: Answerer) => Answerer; env?: Record<string, string>; ready?: boolean } = {}) {
  const config = { ...engine.config, SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: SLACK_API, SLACK_HOOKS_URL: 'https://hooks.slack.test', ...env };
  const pending: Promise<unknown>[] = [];
  const feedback: FeedbackRecord[] = [];
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line)) });
  const state = { ready };
  const engineReady = { index: engine.index as Ready['index'], answerer: answerer ? answerer(engine.answerer) : engine.answerer };
  const app = createApp({
    config,
    logger,
    ready: () => (state.ready ? engineReady : undefined),
    waitUntil: (work) => void pending.push(work),
    state: createMemoryState({ feedback: createMemoryFeedback(feedback) }),
  });

  const send = (path: string, body: string, contentType: string, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', headers: { 'content-type': contentType, ...signatureHeaders(body), ...headers }, body });

  return {
    app,
    logs,
    feedback,
    state,
    /** Loads the index anew, as a restart with a changed corpus would: the same sources, a new index object. */
    reindex() {
      engineReady.index = { ...engine.index };
    },
    /** Waits for every background task, including ones started by background tasks. */
    async settle() {
      while (pending.length) await Promise.all(pending.splice(0));
    },
    postEvent: (envelope: unknown, headers?: Record<string, string>) => send('/slack/events', JSON.stringify(envelope), 'application/json', headers),
    postCommand: (fields: Record<string, string>, headers?: Record<string, string>) =>
      send('/slack/commands', new URLSearchParams({ command: '/iskp', user_id: 'U1', channel_id: 'C1', response_url: RESPONSE_URL, ...fields }).toString(), 'application/x-www-form-urlencoded', headers),
    postInteraction: (payload: unknown, headers?: Record<string, string>) =>
      send('/slack/interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', headers),
  };
}

export function mention(text: string, { eventId = 'Ev1', ts = '1700000000.000100', threadTs, channel = 'C1', user = 'U1', ...extra }: Record<string, string | undefined> = {}) {
  return {
    type: 'event_callback',
    event_id: eventId,
    authorizations: [{ user_id: BOT_USER, is_bot: true }],
    event: { type: 'app_mention', text, user, ts, channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...extra },
  };
}

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

// Form fields Slack reads as JSON.
const JSON_FIELDS = new Set(['blocks', 'view', 'prompts', 'loading_messages', 'chunks']);

/**
 * msw standing in for the Slack Web API and response_url: records every call (form fields
 * JSON-decoded where Slack expects JSON) and answers with `reply`, which a test can replace. Like
 * the loopback stand-in, its workspace has no AI app features unless a test turns them on
 * (`stand.workspace`), and every call is checked against Block Kit and Slack's limits
 * (`violations`, which `useSlackSuite` expects empty after each test).
 */
export function slackStandIn() {
  const calls: SlackCall[] = [];
  const responses: Record<string, unknown>[] = [];
  const violations: { method: string; problems: string[] }[] = [];
  const thread: { messages: Record<string, unknown>[] } = { messages: [] };
  const stand = {
    calls,
    responses,
    violations,
    thread,
    workspace: { streaming: false, agentView: false } as Workspace,
    reply: (method: string, _args: Record<string, unknown>): Response | undefined => {
      if (method === 'conversations.replies') return HttpResponse.json({ ok: true, messages: thread.messages });
      if (method === 'chat.startStream' && !stand.workspace.streaming) return HttpResponse.json({ ok: false, error: 'method_not_supported' });
      return HttpResponse.json({ ok: true, ts: '1700000000.999999', channel: 'C1' });
    },
    respond: (_body: Record<string, unknown>): Response => new HttpResponse('ok'),
    posts: () => calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args),
    /** Forgets the calls and restores the default replies: for beforeEach. */
    reset() {
      calls.length = 0;
      responses.length = 0;
      violations.length = 0;
      thread.messages = [];
      stand.workspace = { streaming: false, agentView: false };
      stand.reply = defaults.reply;
      stand.respond = defaults.respond;
    },
  };
  const defaults = { reply: stand.reply, respond: stand.respond };
  const server = setupServer(
    http.post(`${SLACK_API}/:method`, async ({ request, params }) => {
      const form = new URLSearchParams(await request.text());
      const args: Record<string, unknown> = {};
      for (const [k, v] of form) args[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
      const method = String(params.method);
      const problems = slackViolations(method, args, stand.workspace);
      args.authorization = request.headers.get('authorization');
      calls.push({ method, args });
      if (problems.length) {
        violations.push({ method, problems });
        return HttpResponse.json({ ok: false, error: 'invalid_blocks', errors: problems });
      }
      return stand.reply(method, args);
    }),
    http.post('https://hooks.slack.test/*', async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      responses.push(body);
      const problems = responseViolations(body);
      if (problems.length) violations.push({ method: 'response_url', problems });
      return stand.respond(body);
    }),
  );
  return { server, stand };
}

/** Every `text` string in a message's blocks, joined by newlines, for "does it say X" assertions. */
export function blockText(message: { blocks?: unknown }): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'text' && typeof x === 'string' ? out.push(x) : walk(x);
  };
  walk(message.blocks);
  return out.join('\n');
}

export interface SlackSuite {
  server: ReturnType<typeof slackStandIn>['server'];
  stand: ReturnType<typeof slackStandIn>['stand'];
  /** The real engine, loaded once per file. */
  engine: Engine;
  /** A fresh app and harness per test; a test may replace it (e.g. with a slow answerer). */
  slack: ReturnType<typeof createSlackHarness>;
}

/** A Slack route suite's shared hooks: the msw stand-in for the Web API, the engine, a fresh harness per test. */
export function useSlackSuite(): SlackSuite {
  const suite = slackStandIn() as SlackSuite;
  beforeAll(async () => {
    suite.server.listen({ onUnhandledRequest: 'error' });
    suite.engine = await loadTestEngine();
  });
  beforeEach(() => {
    suite.stand.reset();
    suite.slack = createSlackHarness(suite.engine);
  });
  // Every call any test made passed the Block Kit validator (tests/helpers/slack-stand-in.ts).
  afterEach(() => expect(suite.stand.violations).toEqual([]));
  afterAll(() => suite.server.close());
  return suite;
}

/** The fixture briefing declined: no sections, no citations, questions to try instead. */
export const declinedBriefing = (): Briefing => ({
  ...fixtureBriefing(),
  title: 'Briefing: football',
  topic: 'football',
  bottomLine: { text: 'The sources don’t cover that. They cover ISKP’s reorganization and its threat to Central Asia.', citations: [] },
  sections: [],
  readNext: [],
  citations: [],
  answerable: false,
  followUps: ['What is ISKP?', 'Which references are from 2023?'],
});

/** An answerer that answers every question with `response`, asked whole or streamed (direct messages stream). */
export const answeringWith =
  (response: AskResponse) =>
  (real: Answerer): Answerer => ({
    ...real,
    ask: async () => response,
    stream: async function* () {
      yield* replay(response);
    },
  });
