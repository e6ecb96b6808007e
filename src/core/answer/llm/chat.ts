/**
 * What the LLM answerer needs from a chat model, and nothing more: one completion, whole or as a
 * stream of text. The OpenAI SDK lives behind this (see `client.ts`), so tests and other
 * back ends can stand in with a plain object.
 */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  maxTokens: number;
  /** Aborts the upstream HTTP request: the time budget ran out or the user went away. */
  signal: AbortSignal;
  /** What is left of the time budget, so the transport's own timer never outlives it. */
  timeoutMs: number;
}

export interface ChatClient {
  /** The model's whole reply. */
  complete(request: ChatRequest): Promise<string>;
  /** Resolves once the server has accepted the request (so failures to start can be retried), then yields text as it arrives. */
  stream(request: ChatRequest): Promise<AsyncIterable<string>>;
}

/**
 * `timeout`: the time budget ran out. `rate_limited` and `server_error` (429, 408/409, 5xx) and
 * `connection` may succeed when tried again; `rejected` (bad key, unknown model, bad request)
 * will not.
 */
export type Fault = 'timeout' | 'rate_limited' | 'server_error' | 'connection' | 'rejected';

export class ModelError extends Error {
  override name = 'ModelError';
  constructor(
    readonly fault: Fault,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
  }
}

export const isRetryable = (err: unknown): err is ModelError =>
  err instanceof ModelError && (err.fault === 'rate_limited' || err.fault === 'server_error' || err.fault === 'connection');
