import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { formatCitation } from '../../../core/corpus/format-citation';
import { citationFileName, CITATION_FILES, CITATION_FORMATS, isCitationFormat } from '../../citation-files';
import type { AppDeps, AppEnv, Listing } from '../../env';
import { requireReady } from '../../env';
import { AppError } from '../../errors';
import { serveStaticAsset } from '../../http/static-asset';
import { SOURCES_SCRIPT, SOURCES_STYLESHEET } from './page-assets';
import { readQuote } from './quote';
import { renderNotFound, renderSourceList } from './render-list';
import { renderSourcePage } from './render-page';

/**
 * The demo page's rules, less the API calls: the pages' own stylesheet and copy script, nothing
 * else. The citations to copy are in the page, so the script fetches nothing.
 */
export const SOURCE_PAGES_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * `GET /sources` (every source, linked), `GET /sources/:id?q=…` (one source, the quoted passage
 * marked at `#quote`), `GET /sources/:id/export?format=apa|bibtex|ris|csl` (its citation as a file)
 * and the pages' `/sources.css` and `/sources.js`. Outside `/api/*`, so the pages' links work when
 * API_KEYS is set; cheap reads of the index, so not rate-limited.
 */
export function createSourcePagesRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // HSTS is the deployment's decision (as on the demo page and /brief).
  const headers = secureHeaders({ contentSecurityPolicy: SOURCE_PAGES_CSP, strictTransportSecurity: false });

  app.get('/sources', headers, (c) => {
    const { index } = requireReady(deps);
    return c.html(renderSourceList(index.sources, paperIdOf(index)));
  });

  app.get('/sources/:id', headers, (c) => {
    const { index } = requireReady(deps);
    const id = c.req.param('id');
    const source = index.sourceById.get(id);
    if (!source) {
      // A reader who followed a stale link gets a page; a program gets the API's error.
      if (c.req.header('accept')?.includes('text/html')) return c.html(renderNotFound(id, paperIdOf(index)), 404);
      throw notFound(id);
    }
    return c.html(renderSourcePage({ source, paperId: paperIdOf(index), quote: readQuote(c.req.query('q')) }));
  });

  app.get('/sources/:id/export', (c) => {
    const { index } = requireReady(deps);
    const id = c.req.param('id');
    const source = index.sourceById.get(id);
    if (!source) throw notFound(id);
    const format = c.req.query('format');
    if (!isCitationFormat(format)) throw new AppError(400, 'invalid_format', `format must be one of ${CITATION_FORMATS.join(', ')}.`);
    return c.body(formatCitation(source, format), 200, {
      'Content-Type': CITATION_FILES[format].mediaType,
      'Content-Disposition': `attachment; filename="${citationFileName(source.id, format)}"`,
    });
  });

  serveStaticAsset(app, SOURCES_STYLESHEET);
  serveStaticAsset(app, SOURCES_SCRIPT);
  return app;
}

function notFound(id: string): AppError {
  return new AppError(404, 'source_not_found', `No source with id ${JSON.stringify(id.slice(0, 100))}. GET /sources lists them.`);
}

/** The paper the corpus is about, for the pages' link to it; the seed has one. */
function paperIdOf(index: Listing): string | undefined {
  return index.sources.find((s) => s.kind === 'paper')?.id;
}
