import type { Logger } from '../../core/log';
import { createFallbackState } from '../../server/state/fallback-state';
import { createLoggedFeedback, createMemoryState } from '../../server/state/memory-state';
import type { SharedState } from '../../server/state/shared-state';

/** The Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml). */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** The bindings the Worker's shared state is made of; each may be missing (a test, a minimal deploy). */
export interface StateBindings {
  RATE_LIMITER?: RateLimitBinding;
}

/** The binding does not say when its window reopens; its period is at most a minute. */
const BINDING_RETRY_AFTER_MS = 60_000;

/**
 * The Worker's shared state: buckets on the RATE_LIMITER binding (its own `limit` and `period`,
 * not RATE_LIMIT_PER_MINUTE), in front of the isolate's memory, which is what any missing or
 * failing binding falls back to (votes then go to Workers Logs).
 */
export function createWorkerState(env: StateBindings, logger: Logger): SharedState {
  const local = createMemoryState({ feedback: createLoggedFeedback(logger) });
  const limiter = env.RATE_LIMITER;
  const shared: SharedState = {
    ...local,
    take: limiter ? bindingTake(limiter) : local.take,
  };
  return createFallbackState({ shared, local, logger, name: 'workers bindings' });
}

/** A token from the binding; its failure is the caller's to handle (the fallback lets the request through). */
export function bindingTake(binding: RateLimitBinding): SharedState['take'] {
  return async (key) => ((await binding.limit({ key })).success ? { allowed: true } : { allowed: false, retryAfterMs: BINDING_RETRY_AFTER_MS });
}
