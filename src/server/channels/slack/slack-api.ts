import type { Logger } from '../../../core/log';
import { isSlackHook } from './slack-form';
import { withoutTrailing } from '../../../core/text/scan';

/** A Web API reply: `ok` plus method-specific fields. */
export type SlackResult = { ok: boolean; error?: string } & Record<string, unknown>;

export interface CallOptions {
  /**
   * For a call the bot can do without or works around (a status, a title, starting a stream): a
   * refusal (`ok:false` that a retry would not change) comes back as the result, logged as info,
   * instead of undefined and an error line.
   */
  quiet?: boolean;
}

export interface SlackApi {
  /** Calls a Web API method (`chat.postMessage`, ...). Undefined when it failed for good, already logged; never throws. */
  call(method: string, args: Record<string, unknown>, options?: CallOptions): Promise<SlackResult | undefined>;
  /** Posts a message to a `response_url`. False when it failed for good, already logged; never throws. */
  respond(responseUrl: string, message: Record<string, unknown>): Promise<boolean>;
}

export interface SlackApiOptions {
  /** `SLACK_API_URL`, e.g. https://slack.com/api */
  baseUrl: string;
  /** `SLACK_HOOKS_URL`: `respond` posts to response_urls under it and nowhere else. */
  hooksUrl: string;
  token?: string;
  fetch: typeof fetch;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Tries per call, the first included. */
  maxAttempts?: number;
  /** A Retry-After longer than this is not waited out: background work on Workers is short-lived. */
  maxWaitMs?: number;
  timeoutMs?: number;
}

// `ok:false` errors that say "try again", as opposed to ones that will fail the same way every time
// (not_in_channel, invalid_auth, missing_scope...).
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

const HINTS: Record<string, string> = {
  not_in_channel: 'invite the app to the channel (/invite @app) and ask again',
  channel_not_found: 'the app cannot see this conversation; invite it, or check the groups:history / im:history scopes',
  missing_scope: 'add the missing scope in the app settings (see slack/manifest.yml) and reinstall the app',
  invalid_auth: 'SLACK_BOT_TOKEN is wrong or revoked',
  not_authed: 'SLACK_BOT_TOKEN is not set',
  token_revoked: 'SLACK_BOT_TOKEN was revoked; reinstall the app and update it',
  method_not_supported: 'this workspace does not offer it (Slack’s AI app features need a paid plan or a developer sandbox); the bot carries on without it',
  invalid_blocks: 'a block broke a Block Kit rule; this is a bug, please report it with this log line',
};

/** A finished call, one worth repeating (after `afterMs`, else the backoff), or one that will fail the same way again. */
type Outcome<T> = { done: T } | { retry: string; afterMs?: number } | { fail: string; fields?: Record<string, unknown> };

/**
 * The few Slack HTTP calls the bot makes, with bounded retries: HTTP 429 and `ratelimited` wait
 * for Retry-After, 5xx, network errors and transient `ok:false` errors back off (1 s, 2 s), and
 * everything else is logged once with a hint and given up. Callers get a value or undefined, so a
 * Slack outage can never throw out of a background task.
 */
export function createSlackApi({ baseUrl, hooksUrl, token, fetch, logger, sleep = delay, maxAttempts = 3, maxWaitMs = 10_000, timeoutMs = 10_000 }: SlackApiOptions): SlackApi {
  const base = withoutTrailing(baseUrl, /\//);

  async function attempt<T>(what: Record<string, unknown>, request: () => Promise<Response>, read: (res: Response) => Promise<Outcome<T>>): Promise<T | undefined> {
    for (let n = 1; ; n++) {
      let outcome: Outcome<T>;
      try {
        outcome = await read(await request());
      } catch (err) {
        outcome = { retry: String(err) };
      }
      if ('done' in outcome) return outcome.done;
      if ('fail' in outcome) {
        logger.error('slack call failed', { ...what, error: outcome.fail, hint: HINTS[outcome.fail], ...outcome.fields });
        return undefined;
      }
      const waitMs = outcome.afterMs ?? 1000 * 2 ** (n - 1);
      if (n >= maxAttempts || waitMs > maxWaitMs) {
        logger.error('slack call failed after retries', { ...what, attempts: n, error: outcome.retry, retryAfterMs: waitMs });
        return undefined;
      }
      logger.warn('slack call retrying', { ...what, attempt: n, error: outcome.retry, retryAfterMs: waitMs });
      await sleep(waitMs);
    }
  }

  return {
    async call(method, args, { quiet = false } = {}) {
      if (!token) {
        logger.error('slack call skipped: SLACK_BOT_TOKEN is not set', { method });
        return undefined;
      }
      return attempt(
        { method },
        () =>
          fetch(`${base}/${method}`, {
            method: 'POST',
            // Form encoding works for every method; JSON bodies are refused by some read methods (conversations.replies).
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
            body: formBody(args),
            signal: AbortSignal.timeout(timeoutMs),
          }),
        async (res): Promise<Outcome<SlackResult>> => {
          const transient = httpTransient(res);
          if (transient) return transient;
          if (!res.ok) return { fail: `http_${res.status}` };
          const body = (await res.json()) as SlackResult;
          if (body.ok) return { done: body };
          const error = body.error ?? 'unknown_error';
          if (error === 'ratelimited') return { retry: error, afterMs: retryAfter(res) };
          if (TRANSIENT.has(error)) return { retry: error };
          if (quiet) {
            logger.info('slack call refused; carrying on without it', { method, error, hint: HINTS[error], ...(body.needed ? { needed: body.needed } : {}) });
            return { done: body };
          }
          return { fail: error, fields: body.needed ? { needed: body.needed } : undefined };
        },
      );
    },

    async respond(responseUrl, message) {
      if (!isSlackHook(responseUrl, hooksUrl)) {
        logger.error('slack response_url refused: not on the hooks host', { hooksUrl });
        return false;
      }
      const sent = await attempt(
        { method: 'response_url' },
        () =>
          fetch(responseUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json; charset=utf-8' },
            body: JSON.stringify(message),
            signal: AbortSignal.timeout(timeoutMs),
          }),
        async (res): Promise<Outcome<true>> => {
          const transient = httpTransient(res);
          if (transient) return transient;
          // 404 here means the URL expired (30 minutes) or was used up (5 posts).
          if (!res.ok) return { fail: `http_${res.status}`, fields: { body: (await res.text()).slice(0, 200) } };
          return { done: true };
        },
      );
      return sent === true;
    },
  };

}

function httpTransient(res: Response): Outcome<never> | undefined {
  if (res.status === 429) return { retry: 'http_429', afterMs: retryAfter(res) };
  if (res.status >= 500) return { retry: `http_${res.status}` };
  return undefined;
}

/** Retry-After in seconds (what Slack sends); one second when absent or unreadable. */
function retryAfter(res: Response): number {
  const header = res.headers.get('retry-after');
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}

function formBody(args: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(args)) {
    if (v === undefined) continue;
    form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return form.toString();
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
