import type { Logger } from '../../core/log';
import { mergeFeedback } from '../feedback/record';
import type { SharedState } from './shared-state';

/** What each job does while the shared store is unreachable, for the one log line that says so. */
const MEANWHILE = {
  claim: 'Slack events are claimed in this instance only',
  take: 'the rate limit is off',
  feedback: 'votes go to the local log',
} as const;

export interface FallbackStateOptions {
  /** The store every instance shares (Redis, a Durable Object and D1). */
  shared: SharedState;
  /** This instance's own: what it uses while `shared` is unreachable. */
  local: SharedState;
  logger: Logger;
  /** Names the shared store in the log, e.g. `redis`. */
  name: string;
}

/**
 * The shared store, degrading to this instance's own when it fails, so an outage of the store is
 * never an outage of the bot:
 * - a claim falls back to the local claims: at worst one duplicate answer, never a lost one;
 * - the rate limit fails open: limiting is protection, not a dependency;
 * - a vote goes to the local store, and reading merges both back.
 * The outage is logged once when it starts and once when it ends, not per request.
 */
export function createFallbackState({ shared, local, logger, name }: FallbackStateOptions): SharedState {
  let down = false;
  // Named by what failed first: a Workers binding serves one of the three jobs only.
  async function attempt<T>(operation: keyof typeof MEANWHILE, run: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    try {
      const value = await run();
      if (down) {
        down = false;
        logger.info(`${name} is back: shared state in use again`, { store: name });
      }
      return value;
    } catch (err) {
      if (!down) {
        down = true;
        logger.warn(`${name} unavailable: ${MEANWHILE[operation]} until it is back`, { store: name, operation, error: String(err) });
      }
      return fallback();
    }
  }
  return {
    async claim(key, ttlMs) {
      // Every claim is also made locally, and a key this instance has seen is refused without
      // asking: so a repeat that arrives here during an outage is still caught.
      if (!(await local.claim(key, ttlMs))) return false;
      return attempt('claim', () => shared.claim(key, ttlMs), () => true);
    },
    take: (key, limit) => attempt('take', () => shared.take(key, limit), () => ({ allowed: true }) as const),
    feedback: {
      append: (record) => attempt('feedback', () => shared.feedback.append(record), () => local.feedback.append(record)),
      read: async () => mergeFeedback(await attempt('feedback', () => shared.feedback.read(), () => []), await local.feedback.read()),
    },
  };
}
