import type { Context } from 'hono';
import { readJsonBody } from '../../http/json-body';
import { OpenAiRequestError } from './errors';
import { chatCompletionRequestSchema, paramOf, type ChatCompletionRequest } from './request';

/**
 * Reads a chat completion request: 415 for a body that is not JSON by its Content-Type, 400 for
 * broken JSON, and 400 naming the first bad field in OpenAI's `param` (`messages.[0].role`).
 */
export async function readChatRequest(c: Context): Promise<ChatCompletionRequest> {
  // A wrong content type or broken JSON is an AppError, which the /v1 error middleware puts in OpenAI's shape.
  const raw = await readJsonBody(c);
  const result = chatCompletionRequestSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const message = issue.code === 'invalid_type' && issue.path.length === 0 ? 'the body must be a JSON object' : issue.message;
    const param = issue.path.length ? paramOf(issue.path) : null;
    throw new OpenAiRequestError(400, 'invalid_request', param ? `${param}: ${message}` : message, param);
  }
  return result.data;
}
