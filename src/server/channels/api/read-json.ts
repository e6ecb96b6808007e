import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { readJsonBody } from '../../http/json-body';

/**
 * Reads and validates a JSON body: 415 for another content type, 400 for a body cut short or broken
 * JSON, and 400 naming the first bad field (`history.3.role: ...`) for one that does not fit the schema.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const raw = await readJsonBody(c);
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length ? issue.path.join('.') : 'body';
    const message = issue.code === 'invalid_type' && issue.path.length === 0 ? 'the body must be a JSON object' : issue.message;
    throw new AppError(400, 'invalid_request', `${field}: ${message}`);
  }
  return result.data;
}
