import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * What the stand-in workspace offers. By default it is one without Slack's AI app features (a free
 * plan): streaming is refused with `method_not_supported`, so replies are posted. `streaming` turns
 * Slack's chat streaming on; `agentView` makes it an app on Slack's agent view, where suggested
 * prompts go to the Messages tab without a `thread_ts` (Slack ignores them silently when one is
 * given; the stand-in refuses them, so the mistake fails the test).
 */
export interface Workspace {
  streaming: boolean;
  agentView: boolean;
}

/** A scripted answer to one call: a status (429 for a rate limit), headers, a JSON body. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A message the stand-in is keeping: posted, updated, or streamed (`chat.startStream` … `chat.stopStream`). */
export interface StoredMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  /** The streamed Markdown, as appended; a posted message's fallback text. */
  text: string;
  blocks: unknown[];
  streamed: boolean;
  /** False while a stream is still open. */
  finished: boolean;
  updates: number;
}

/**
 * A stand-in for slack.com on loopback: the Web API under /api, response_urls under /response.
 * Every call and every response_url post is checked by `slackViolations` (Block Kit as the app
 * uses it, and Slack's limits); a call that breaks a rule is refused as Slack refuses it
 * (`invalid_blocks`…), and `close()` fails the suite that made it, so every test using the
 * stand-in is checked without asking.
 */
export async function startSlackStandIn(options: Partial<Workspace> = {}) {
  const received: Received[] = [];
  const workspace: Workspace = { streaming: false, agentView: false, ...options };
  const violations: { method: string; problems: string[] }[] = [];
  const scripts = new Map<string, (args: Record<string, unknown>) => ScriptedReply | undefined>();
  const messages = new Map<string, StoredMessage>();
  let nextTs = 100;
  const newTs = () => `1700000099.${String(nextTs++).padStart(6, '0')}`;

  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ path: req.url ?? '', headers: req.headers, body });
    const send = ({ status = 200, headers = {}, body: json = { ok: true } }: ScriptedReply) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };
    const path = req.url ?? '';
    if (!path.startsWith('/api/')) {
      const problems = path.startsWith('/response') ? responseViolations(parse(body)) : [];
      if (problems.length) violations.push({ method: 'response_url', problems });
      return send({ status: problems.length ? 400 : 200, body: { ok: !problems.length } });
    }
    const method = path.slice('/api/'.length).split('?')[0]!;
    const args = decode(body);
    const problems = slackViolations(method, args, workspace);
    if (problems.length) {
      violations.push({ method, problems });
      return send({ body: { ok: false, error: problems[0]!.startsWith('agent view') ? 'invalid_arguments' : 'invalid_blocks', errors: problems } });
    }
    const scripted = scripts.get(method)?.(args);
    if (scripted) return send(scripted);
    send({ body: answer(method, args) });
  });

  /** What Slack would answer to a valid call, keeping the messages it makes. */
  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const channel = String(args.channel ?? args.channel_id ?? '');
    const blocks = Array.isArray(args.blocks) ? args.blocks : [];
    switch (method) {
      case 'conversations.replies':
        return { ok: true, messages: [] };
      case 'chat.postMessage': {
        const ts = newTs();
        const message = { channel, ts, threadTs: args.thread_ts as string | undefined, text: String(args.text ?? ''), blocks, streamed: false, finished: true, updates: 0 };
        messages.set(ts, message);
        return { ok: true, channel, ts };
      }
      case 'chat.update': {
        const message = messages.get(String(args.ts));
        if (!message || message.streamed) return { ok: false, error: message ? 'cant_update_message' : 'message_not_found' };
        Object.assign(message, { text: String(args.text ?? ''), blocks, updates: message.updates + 1 });
        return { ok: true, channel, ts: message.ts };
      }
      case 'chat.startStream': {
        if (!workspace.streaming) return { ok: false, error: 'method_not_supported' };
        const ts = newTs();
        messages.set(ts, { channel, ts, threadTs: args.thread_ts as string | undefined, text: String(args.markdown_text ?? ''), blocks: [], streamed: true, finished: false, updates: 0 });
        return { ok: true, channel, ts };
      }
      case 'chat.appendStream':
      case 'chat.stopStream': {
        const message = messages.get(String(args.ts));
        if (!message?.streamed) return { ok: false, error: 'message_not_found' };
        if (message.finished) return { ok: false, error: 'message_not_in_streaming_state' };
        message.text += String(args.markdown_text ?? '');
        if (method === 'chat.stopStream') Object.assign(message, { blocks, finished: true });
        return { ok: true, channel, ts: message.ts };
      }
      case 'views.publish':
        return { ok: true, view: { id: 'V1', ...(args.view as object) } };
      default:
        return { ok: true, ts: newTs() };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    workspace,
    /** Every call refused for breaking a Block Kit rule or a Slack limit, and why. */
    violations,
    /** Web API calls to `method`, form fields decoded (blocks, views, prompts… as JSON). */
    calls(method: string) {
      return received
        .filter((r) => r.path === `/api/${method}`)
        .map((r): Record<string, unknown> => ({ ...decode(r.body), authorization: r.headers.authorization }));
    },
    /** Every Web API method called, in order. */
    methods: () => received.filter((r) => r.path.startsWith('/api/')).map((r) => r.path.slice('/api/'.length)),
    responses: (path: string) => received.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as Record<string, unknown>),
    /** The messages the app made, in the order it made them, as they stand now. */
    messages: () => [...messages.values()],
    /** Answers `method` with `reply` while it returns one (a refusal, a 429 with Retry-After), else as usual. */
    script(method: string, reply: (args: Record<string, unknown>) => ScriptedReply | undefined) {
      scripts.set(method, reply);
    },
    /** Forgets the calls and messages, scripts and workspace changes kept. */
    clear() {
      received.length = 0;
      messages.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close(() => (violations.length ? reject(new Error(`the app sent Slack calls Slack would refuse:\n${JSON.stringify(violations, null, 2)}`)) : resolve())),
      ),
  };
}

export type SlackStandIn = Awaited<ReturnType<typeof startSlackStandIn>>;

/** Polls `probe` until it returns something, or fails after `timeoutMs`. */
export async function until<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Form fields Slack reads as JSON.
const JSON_FIELDS = new Set(['blocks', 'view', 'prompts', 'loading_messages', 'chunks', 'metadata']);

/** A Web API form body, its JSON fields parsed (a field that does not parse is kept as text, for the validator to refuse). */
function decode(body: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) args[key] = JSON_FIELDS.has(key) ? (parse(value) ?? value) : value;
  return args;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/*
 * The validator. Block Kit as the app sends it, field by field, as @slack/types declares it (an
 * unknown field, a missing one or a wrong type is refused), with Slack's documented limits: 50
 * blocks a message and 100 a Home tab, 3,000 characters a section or context text, 150 a header,
 * 75 a button label or accessibility label, 2,000 a button value, 12,000 a Markdown text, 10
 * elements a context block, 5 a context_actions block, 4 suggested prompts.
 */
const plainText = (max: number) => z.strictObject({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() });
const mrkdwnText = (max: number) => z.strictObject({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max), verbatim: z.boolean().optional() });
const textObject = z.union([plainText(3000), mrkdwnText(3000)]);
const blockId = z.string().min(1).max(255).optional();
const actionId = z.string().min(1).max(255);
const button = z.strictObject({
  type: z.literal('button'),
  action_id: actionId,
  text: plainText(75),
  value: z.string().max(2000).optional(),
  url: z.string().max(3000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
  accessibility_label: z.string().max(75).optional(),
});
const feedbackHalf = z.strictObject({ text: plainText(75), value: z.string().min(1).max(2000), accessibility_label: z.string().max(75).optional() });
const blockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('header'), block_id: blockId, text: plainText(150) }),
  z.strictObject({ type: z.literal('section'), block_id: blockId, text: textObject, expand: z.boolean().optional() }),
  z.strictObject({ type: z.literal('context'), block_id: blockId, elements: z.array(textObject).min(1).max(10) }),
  z.strictObject({ type: z.literal('actions'), block_id: blockId, elements: z.array(button).min(1).max(25) }),
  z.strictObject({
    type: z.literal('context_actions'),
    block_id: blockId,
    elements: z.array(z.strictObject({ type: z.literal('feedback_buttons'), action_id: actionId.optional(), positive_button: feedbackHalf, negative_button: feedbackHalf })).min(1).max(5),
  }),
  z.strictObject({ type: z.literal('markdown'), block_id: blockId, text: z.string().min(1).max(12_000) }),
  z.strictObject({ type: z.literal('divider'), block_id: blockId }),
]);
const promptsSchema = z.array(z.strictObject({ title: z.string().min(1).max(75), message: z.string().min(1).max(4000) })).min(1).max(4);
const homeViewSchema = z.looseObject({ type: z.literal('home'), blocks: z.array(z.unknown()), private_metadata: z.string().max(3000).optional() });

/** What is wrong with `blocks` as one surface's blocks (a message: at most 50; a Home tab: 100). */
export function blockViolations(blocks: unknown, max = 50): string[] {
  if (!Array.isArray(blocks)) return ['blocks: not an array'];
  const problems = blocks.length > max ? [`blocks: ${blocks.length}, more than ${max}`] : [];
  const ids = new Set<string>();
  blocks.forEach((block, i) => {
    const parsed = blockSchema.safeParse(block);
    if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `blocks[${i}].${issue.path.join('.')}: ${issue.message}`));
    const id = (block as { block_id?: unknown })?.block_id;
    if (typeof id === 'string' && ids.has(id)) problems.push(`blocks[${i}].block_id: ${id} used twice`);
    if (typeof id === 'string') ids.add(id);
    const actions = ((block as { elements?: { action_id?: unknown }[] })?.elements ?? []).map((e) => e?.action_id).filter((a) => typeof a === 'string');
    if (new Set(actions).size < actions.length) problems.push(`blocks[${i}]: an action_id used twice`);
  });
  return problems;
}

/** What Slack would refuse in a Web API call: its blocks, view, Markdown text and prompts, and the agent view's rule on prompts. */
export function slackViolations(method: string, args: Record<string, unknown>, workspace: Pick<Workspace, 'agentView'> = { agentView: false }): string[] {
  const problems: string[] = [];
  if ('blocks' in args) problems.push(...blockViolations(args.blocks));
  if (typeof args.markdown_text === 'string' && args.markdown_text.length > 12_000) problems.push(`markdown_text: ${args.markdown_text.length} characters, more than 12000`);
  if (method === 'views.publish') {
    const view = homeViewSchema.safeParse(args.view);
    if (!view.success) problems.push(...view.error.issues.map((issue) => `view.${issue.path.join('.')}: ${issue.message}`));
    else problems.push(...blockViolations(view.data.blocks, 100).map((p) => `view.${p}`));
  }
  if (method === 'assistant.threads.setSuggestedPrompts') {
    const prompts = promptsSchema.safeParse(args.prompts);
    if (!prompts.success) problems.push(...prompts.error.issues.map((issue) => `prompts.${issue.path.join('.')}: ${issue.message}`));
    if (workspace.agentView && args.thread_ts !== undefined) problems.push('agent view: suggested prompts go to the Messages tab without a thread_ts; Slack ignores them without a word when one is given');
  }
  if (method === 'assistant.threads.setStatus' && typeof args.thread_ts !== 'string') problems.push('setStatus: thread_ts is required');
  return problems;
}

/** What Slack would refuse in a post to a response_url. */
export function responseViolations(body: unknown): string[] {
  if (!body || typeof body !== 'object') return ['response_url: the body is not JSON'];
  return 'blocks' in body ? blockViolations((body as { blocks: unknown }).blocks) : [];
}
