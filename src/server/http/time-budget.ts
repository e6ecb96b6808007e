import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors';

/**
 * How long a request may take to start its response: the model's own budget (LLM_TIMEOUT_MS, after
 * which the answerer falls back to the extractive answer) plus room for that fallback. A request
 * past this is stuck, not slow.
 */
export const requestBudgetMs = (llmTimeoutMs: number) => llmTimeoutMs + 10_000;

export interface TimeBudgetOptions {
  ms: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * 503 `timeout` (with Retry-After) when the response has not started within the budget. The budget
 * ends when the handler returns a Response, so a stream already started (SSE on /api/chat) is
 * never cut: the answerer's own deadline bounds it. Not Hono's timeout(): that throws an
 * HTTPException, and every error here goes through the app's one JSON error handler.
 */
export function createTimeBudget({ ms, setTimer = setTimeout, clearTimer = (t) => clearTimeout(t as ReturnType<typeof setTimeout>) }: TimeBudgetOptions): MiddlewareHandler {
  return async (_c, next) => {
    let timer: unknown;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimer(() => reject(new AppError(503, 'timeout', 'The answer took too long; please try again.', { headers: { 'Retry-After': '5' } })), ms);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimer(timer);
    }
  };
}
