import { Hono } from 'hono';
import { feedbackFormatSchema } from '../channels/api/schemas';
import type { AppDeps, AppEnv } from '../env';
import { AppError } from '../errors';
import { prefersOverJson } from '../http/accept';
import { createBearerKeyGuard } from '../http/api-keys';
import type { FeedbackStore } from '../state/shared-state';
import { feedbackCsv } from './csv';
import type { FeedbackRecord } from './record';
import { reviewFeedback } from './review';

/**
 * `GET /api/feedback`: the review of the votes as JSON, or every vote as CSV (`?format=csv` or
 * `Accept: text/csv`). The votes hold users' questions and ids, so a key is required from every
 * client, pages on an allowed origin included; with no API_KEYS there is no route at all (undefined).
 */
export function createFeedbackRoutes(deps: Pick<AppDeps, 'config' | 'logger' | 'ready'>, feedback: FeedbackStore) {
  const keys = deps.config.API_KEYS;
  if (!keys.length) return undefined;
  const app = new Hono<AppEnv>();
  app.get('/feedback', createBearerKeyGuard({ keys }), async (c) => {
    const format = feedbackFormatSchema.safeParse(c.req.query('format'));
    if (!format.success) throw new AppError(400, 'invalid_request', 'format must be "json" or "csv".');
    const records = await readVotes(feedback, deps);
    // Users' questions and ids: no shared cache, proxy or browser history keeps a copy.
    c.header('Cache-Control', 'no-store');
    if (format.data === 'csv' || (format.data === undefined && prefersOverJson(c.req.header('accept'), 'text/csv'))) {
      return c.body(feedbackCsv(records), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="feedback.csv"' });
    }
    // Titles are a courtesy: while the index loads, the review names sources by id alone.
    const index = deps.ready()?.index;
    return c.json(reviewFeedback(records, { titleOf: (id) => index?.sourceById.get(id)?.title }));
  });
  return app;
}

async function readVotes(feedback: FeedbackStore, { logger }: Pick<AppDeps, 'logger'>): Promise<FeedbackRecord[]> {
  try {
    return await feedback.read();
  } catch (err) {
    logger.error('feedback could not be read', { error: String(err) });
    throw new AppError(503, 'feedback_unavailable', 'The votes could not be read; try again in a moment.', { headers: { 'Retry-After': '5' } });
  }
}
