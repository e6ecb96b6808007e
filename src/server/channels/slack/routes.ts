import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../env';
import type { SharedState } from '../../state/shared-state';
import { createBodyLimit } from '../../http/body-limit';
import { createCommandsHandler } from './commands';
import { createSlackContext } from './context';
import { createEventsHandler } from './events';
import { createInteractionsHandler } from './interactions';
import { requireSlackSignature } from './verify-signature';

// Slack payloads are a few kilobytes; anything near this is not from Slack, and is refused before
// the body is hashed.
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * `POST /slack/events`, `/slack/commands`, `/slack/interactions`, all behind Slack's request
 * signature. Undefined, and logged, when SLACK_SIGNING_SECRET is not set: without it no request
 * can be trusted, so the routes do not exist (404).
 */
export function createSlackRoutes(deps: AppDeps, state: SharedState): Hono<AppEnv> | undefined {
  const { config, logger } = deps;
  if (!config.SLACK_SIGNING_SECRET) {
    logger.info('slack off: set SLACK_SIGNING_SECRET (and SLACK_BOT_TOKEN) to serve /slack/events, /slack/commands and /slack/interactions');
    return undefined;
  }
  if (!config.SLACK_BOT_TOKEN) logger.warn('slack: SLACK_BOT_TOKEN is not set, so mentions and direct messages cannot be answered; the slash command still works');

  const ctx = createSlackContext(deps, state);
  const guard = [createBodyLimit(MAX_BODY_BYTES), requireSlackSignature(config.SLACK_SIGNING_SECRET, deps.now)] as const;

  const app = new Hono<AppEnv>();
  app.post('/events', ...guard, createEventsHandler(ctx));
  app.post('/commands', ...guard, createCommandsHandler(ctx));
  app.post('/interactions', ...guard, createInteractionsHandler(ctx));
  logger.info('slack on', { command: config.SLACK_COMMAND, api: config.SLACK_API_URL, botToken: Boolean(config.SLACK_BOT_TOKEN) });
  return app;
}
