import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../env';
import { requireReady } from '../../env';
import { formatCitation } from '../../../core/corpus/format-citation';
import { AppError } from '../../errors';
import { sourceFormatSchema } from './schemas';
import { CITATION_FILES } from '../../citation-files';

const FORMATS = sourceFormatSchema.unwrap().options;

/** `GET /api/sources` and `GET /api/sources/:id?format=...`: the citable records and their citations. */
export function createSourcesRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/sources', (c) => c.json({ sources: requireReady(deps).index.sources }));
  app.get('/sources/:id', (c) => {
    const { index } = requireReady(deps);
    const source = index.sourceById.get(c.req.param('id'));
    if (!source) throw new AppError(404, 'source_not_found', `No source with id "${c.req.param('id')}". GET /api/sources lists them.`);
    const format = sourceFormatSchema.safeParse(c.req.query('format') ?? undefined);
    if (!format.success) throw new AppError(400, 'invalid_format', `format must be one of ${FORMATS.join(', ')}.`);
    if (format.data === 'json') return c.json(source);
    return c.body(formatCitation(source, format.data), 200, { 'Content-Type': CITATION_FILES[format.data].mediaType });
  });
  return app;
}
