import type { Logger } from '../../core/log';
import { createFallbackState } from '../../server/state/fallback-state';
import { createLoggedFeedback, createMemoryState } from '../../server/state/memory-state';
import type { SharedState } from '../../server/state/shared-state';
import type { SlackClaims } from './claims-object';
import { createD1Feedback, type D1Binding } from './d1-feedback';

/** The Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml). */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** The Durable Object namespace of `SlackClaims` (`[[durable_objects.bindings]]` in wrangler.toml). */
export interface ClaimsNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): Pick<SlackClaims, 'claim'>;
}

/** The bindings the Worker's shared state is made of; each may be missing (a test, a minimal deploy). */
export interface StateBindings {
  RATE_LIMITER?: RateLimitBinding;
  CLAIMS?: ClaimsNamespace;
  FEEDBACK_DB?: D1Binding;
}

/** The binding does not say when its window reopens; its period is at most a minute. */
const BINDING_RETRY_AFTER_MS = 60_000;

/**
 * The Worker's shared state: claims in the CLAIMS Durable Object, buckets on the RATE_LIMITER
 * binding (its own `limit` and `period`, not RATE_LIMIT_PER_MINUTE), votes in the FEEDBACK_DB D1
 * table; in front of the isolate's memory, which is what a missing or failing binding falls back
 * to (votes then go to Workers Logs).
 */
export function createWorkerState(env: StateBindings, logger: Logger): SharedState {
  const local = createMemoryState({ feedback: createLoggedFeedback(logger) });
  // One fallback per binding: a failing one then neither degrades the others nor, each time
  // another succeeds, is logged as back and down again.
  const over = (name: string, shared: Partial<SharedState>) => createFallbackState({ shared: { ...local, ...shared }, local, logger, name });
  return {
    claim: env.CLAIMS ? over('CLAIMS (Durable Object)', { claim: durableClaim(env.CLAIMS) }).claim : local.claim,
    take: env.RATE_LIMITER ? over('RATE_LIMITER', { take: bindingTake(env.RATE_LIMITER) }).take : local.take,
    feedback: env.FEEDBACK_DB ? over('FEEDBACK_DB (D1)', { feedback: createD1Feedback(env.FEEDBACK_DB) }).feedback : local.feedback,
  };
}

/** A claim made by the key's own object; its failure is the caller's to handle (the fallback claims in the isolate). */
function durableClaim(namespace: ClaimsNamespace): SharedState['claim'] {
  return async (key, ttlMs) => namespace.get(namespace.idFromName(key)).claim(key, ttlMs);
}

/** A token from the binding; its failure is the caller's to handle (the fallback lets the request through). */
export function bindingTake(binding: RateLimitBinding): SharedState['take'] {
  return async (key) => ((await binding.limit({ key })).success ? { allowed: true } : { allowed: false, retryAfterMs: BINDING_RETRY_AFTER_MS });
}
