import { AppError } from '../../errors';

/** JSON-RPC 2.0 error codes used before a message reaches the MCP server. */
const JSON_RPC = { parseError: -32700, invalidRequest: -32600, serverError: -32000 } as const;

/**
 * The most messages one POST may carry. The SDK's own bound is 100; every call in a batch may be a
 * question, and the SDK's own clients never batch (protocol 2025-06-18 dropped batching), so a
 * handful is plenty for the older clients that do.
 */
const MAX_BATCH = 10;

/** The tools that cost an answer: each call is charged to the question rate limit. */
const QUESTION_TOOLS: ReadonlySet<string> = new Set(['ask', 'brief']);

interface JsonRpcErrorBody {
  jsonrpc: '2.0';
  error: { code: number; message: string; data?: { code: string; requestId?: string } };
  id: null;
}

/**
 * The JSON-RPC error body an HTTP refusal gets on `/mcp`, so an MCP client reads it as one; the
 * app's error code (`unauthorized`, `rate_limited`…) and the request id ride in `data`.
 */
export function jsonRpcErrorBody(err: AppError, requestId?: string): JsonRpcErrorBody {
  const code = err.code === 'invalid_json' ? JSON_RPC.parseError : err.code === 'invalid_request' ? JSON_RPC.invalidRequest : JSON_RPC.serverError;
  return { jsonrpc: '2.0', error: { code, message: err.message, data: { code: err.code, requestId } }, id: null };
}

/**
 * The body as parsed JSON, refused with 400 before the SDK sees it when it is not JSON, is an
 * empty or oversized batch, or is no object: the SDK would parse it again, so it is handed on parsed.
 */
export function parseMessages(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_json', 'Parse error: the body is not valid JSON.');
  }
  if (Array.isArray(body)) {
    if (body.length === 0) throw new AppError(400, 'invalid_request', 'Invalid Request: an empty batch.');
    if (body.length > MAX_BATCH) throw new AppError(400, 'invalid_request', `Invalid Request: a batch may hold at most ${MAX_BATCH} messages.`);
  } else if (body === null || typeof body !== 'object') {
    throw new AppError(400, 'invalid_request', 'Invalid Request: the body must be a JSON-RPC message or a batch of them.');
  }
  return body;
}

/** How many messages in `body` call a question tool (`tools/call` of ask or brief). */
export function countQuestionCalls(body: unknown): number {
  const messages: unknown[] = Array.isArray(body) ? body : [body];
  return messages.filter((m) => {
    if (!m || typeof m !== 'object') return false;
    const { method, params } = m as { method?: unknown; params?: { name?: unknown } };
    return method === 'tools/call' && typeof params?.name === 'string' && QUESTION_TOOLS.has(params.name);
  }).length;
}
