import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { incompleteBody } from '../../http/body-limit';

/**
 * Reads and validates a JSON body: 415 for another content type, 400 for a body cut short or broken
 * JSON, and 400 naming the first bad field (`history.3.role: ...`) for one that does not fit the schema.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
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
    throw new AppError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length ? issue.path.join('.') : 'body';
    const message = issue.code === 'invalid_type' && issue.path.length === 0 ? 'the body must be a JSON object' : issue.message;
    throw new AppError(400, 'invalid_request', `${field}: ${message}`);
  }
  return result.data;
}
