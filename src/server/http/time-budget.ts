import { timeout } from 'hono/timeout';
import { AppError } from '../errors';

/**
 * How long a request may take to start its response: the model's own budget (LLM_TIMEOUT_MS, after
 * which the answerer falls back to the extractive answer) plus room for that fallback. A request
 * past this is stuck, not slow.
 */
export const requestBudgetMs = (llmTimeoutMs: number) => llmTimeoutMs + 10_000;

/**
 * 503 `timeout` (with Retry-After), through the app's one JSON error handler, when the response
 * has not started within `ms`. Hono's timeout races the handler until it returns a Response, so a
 * stream already started (SSE on /api/chat) is never cut: the answerer's own deadline bounds it.
 */
export const createTimeBudget = ({ ms }: { ms: number }) =>
  timeout(ms, () => new AppError(503, 'timeout', 'The answer took too long; please try again.', { headers: { 'Retry-After': '5' } }));
