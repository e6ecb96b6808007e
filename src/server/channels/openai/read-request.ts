import type { Context } from 'hono';
import { incompleteBody } from '../../http/body-limit';
import { OpenAiRequestError } from './errors';
import { chatCompletionRequestSchema, paramOf, type ChatCompletionRequest } from './request';

/**
 * Reads a chat completion request: 415 for a body that is not JSON by its Content-Type, 400 for
 * broken JSON, and 400 naming the first bad field in OpenAI's `param` (`messages.[0].role`).
 */
export async function readChatRequest(c: Context): Promise<ChatCompletionRequest> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new OpenAiRequestError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  let text: string;
  try {
    text = await c.req.text();
  } catch (err) {
    throw incompleteBody(err);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new OpenAiRequestError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const result = chatCompletionRequestSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const message = issue.code === 'invalid_type' && issue.path.length === 0 ? 'the body must be a JSON object' : issue.message;
    const param = issue.path.length ? paramOf(issue.path) : null;
    throw new OpenAiRequestError(400, 'invalid_request', param ? `${param}: ${message}` : message, param);
  }
  return result.data;
}
