import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Offline: no telemetry, no Cloudflare lookups. Read by wrangler when it is imported, and passed to its CLI.
const OFFLINE = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
Object.assign(process.env, OFFLINE);

const WRANGLER = join(import.meta.dirname, '../../node_modules/wrangler/bin/wrangler.js');
/** The D1 database wrangler.toml binds as FEEDBACK_DB. */
export const FEEDBACK_DATABASE = 'iskp-feedback';

export type TestWorker = Awaited<ReturnType<typeof import('wrangler').unstable_startWorker>>;
type Binding = { type: 'plain_text' | 'secret_text'; value: string };

/** Runs the wrangler CLI offline; resolves with what it printed. */
export async function wrangler(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [WRANGLER, ...args], { env: { ...process.env, ...OFFLINE }, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Makes the feedback table in `persist`, as the deployer does with `wrangler d1 migrations apply --remote`. */
export const applyFeedbackMigration = (persist: string) => wrangler('d1', 'migrations', 'apply', FEEDBACK_DATABASE, '--local', '--persist-to', persist);

/**
 * wrangler.toml's Worker in workerd on a free loopback port, extractive and unlimited, with
 * `bindings` on top; its Durable Objects and D1 in `persist` (false: in memory).
 */
export async function startTestWorker({ bindings, persist }: { bindings: Record<string, Binding>; persist: string | false }): Promise<TestWorker> {
  const { unstable_startWorker } = await import('wrangler');
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    // As in worker.test.ts: no rebuild watcher, and the Node compatibility nodejs_als gives.
    build: { custom: { command: '' }, nodejsCompatMode: 'als' },
    bindings: {
      // Pinned over a developer's .dev.vars: a key there would switch the Worker to LLM answers.
      OPENAI_API_KEY: { type: 'plain_text', value: '' },
      OPENAI_BASE_URL: { type: 'plain_text', value: '' },
      EMBEDDER: { type: 'plain_text', value: 'lexical' },
      RATE_LIMIT_PER_MINUTE: { type: 'plain_text', value: '0' },
      ...bindings,
    },
    envFiles: [],
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist, logLevel: 'log' },
  });
  await worker.ready;
  return worker;
}

/** Slack's request signature over `body`, computed with node:crypto (not the code under test). */
export function slackHeaders(secret: string, body: string, contentType: string): Record<string, string> {
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': signature };
}
