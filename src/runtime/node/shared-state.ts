import { join } from 'node:path';
import type { Config } from '../../config';
import type { Logger } from '../../core/log';
import { createFallbackState } from '../../server/state/fallback-state';
import { createMemoryState } from '../../server/state/memory-state';
import type { SharedState } from '../../server/state/shared-state';
import { createFeedbackFile } from './feedback-file';
import { createRedisState } from './redis-state';

export interface NodeState {
  state: SharedState;
  /** Settles once the shared store answers (at once without one); rejects if it cannot be reached. */
  ready: Promise<void>;
  close: () => Promise<void>;
}

/**
 * The Node runtime's shared state: this process's memory with votes in `DATA_DIR/feedback.jsonl`,
 * or, with REDIS_URL, Redis in front of that (which it falls back to while Redis is unreachable).
 */
export function createNodeState({ config, logger }: { config: Config; logger: Logger }): NodeState {
  const local = createMemoryState({ feedback: createFeedbackFile(feedbackFilePath(config)) });
  if (!config.REDIS_URL) return { state: local, ready: Promise.resolve(), close: async () => undefined };
  const redis = createRedisState(config.REDIS_URL, { logger });
  return { ...redis, state: createFallbackState({ shared: redis.state, local, logger, name: 'redis' }) };
}

/** Where this process's votes go: all of them without Redis, those Redis could not take with it. */
export const feedbackFilePath = (config: Pick<Config, 'DATA_DIR'>) => join(config.DATA_DIR, 'feedback.jsonl');
