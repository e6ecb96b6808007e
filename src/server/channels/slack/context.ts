import { requireReady, type AppDeps, type Ready } from '../../env';
import type { Config } from '../../../config';
import type { FeedbackStore, SharedState } from '../../state/shared-state';
import type { Logger } from '../../../core/log';
import { createSlackApi, type SlackApi } from './slack-api';

/** Everything the Slack handlers use, built once per app from AppDeps. */
export interface SlackContext {
  config: Config;
  logger: Logger;
  ready: () => Ready | undefined;
  /** The loaded engine, or a 503 AppError (with Retry-After) while the index is loading. */
  requireReady: () => Ready;
  now: () => number;
  api: SlackApi;
  /** SLACK_HOOKS_URL: where Slack's response_urls live (see `isSlackHook`). */
  hooksUrl: string;
  /** Claims a Slack event or message once, across every instance sharing `state` (see `SLACK_CLAIM_TTL_MS`). */
  claim: (key: string) => Promise<boolean>;
  feedback: FeedbackStore;
  /** Runs work after the response has gone (deps.waitUntil); a failure is logged, never thrown. */
  background: (label: string, work: () => Promise<unknown>) => void;
  /** PUBLIC_URL's origin, which source links are made on; without it, Slack messages carry no links (Slack's requests say nothing reliable of our public name). */
  linkOrigin?: string;
}

/**
 * How long a claim on a Slack event holds: Slack's last retry comes about five minutes after the
 * first attempt, so fifteen leave room for a slow delivery.
 */
export const SLACK_CLAIM_TTL_MS = 15 * 60_000;

export function createSlackContext(deps: AppDeps, state: SharedState): SlackContext {
  const { config, logger } = deps;
  const now = deps.now ?? Date.now;
  // Called through a closure, not stored as a method: Workers' fetch throws "Illegal invocation"
  // when invoked with another `this`.
  const fetchFn: typeof fetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const hooksUrl = config.SLACK_HOOKS_URL ?? 'https://hooks.slack.com';
  return {
    config,
    logger,
    ready: deps.ready,
    requireReady: () => requireReady(deps),
    now,
    api: createSlackApi({ baseUrl: config.SLACK_API_URL ?? 'https://slack.com/api', hooksUrl, token: config.SLACK_BOT_TOKEN, fetch: fetchFn, logger }),
    hooksUrl,
    linkOrigin: config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : undefined,
    claim: (key) => state.claim(key, SLACK_CLAIM_TTL_MS),
    feedback: state.feedback,
    background(label, work) {
      deps.waitUntil(
        (async () => {
          try {
            await work();
          } catch (err) {
            logger.error('slack background task failed', { task: label, error: String(err), stack: (err as Error)?.stack });
          }
        })(),
      );
    },
  };
}
