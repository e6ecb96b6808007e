import type { Context } from 'hono';
import { AppError } from '../errors';
import { incompleteBody } from './body-limit';

/**
 * A request's JSON body, not yet validated: 415 for another content type, 400 for a body cut short
 * or broken JSON. Each endpoint validates the value against its own schema and reports a bad field
 * in its own protocol's shape.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
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
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}
