import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { GlossaryEntry } from '../../../core/corpus/types';
import type { AppDeps, AppEnv, Listing } from '../../env';
import { requireReady } from '../../env';
import { serveStaticAsset } from '../../http/static-asset';
import { readBriefQuery } from './query';
import { renderBriefingPage } from './render-page';
import { BRIEF_STYLESHEET } from './stylesheet';

/** Where the page is served; a question route, so app.ts rate-limits it with `/api/ask`. */
export const BRIEF_PAGE_PATH = '/brief';

/**
 * The demo page's rules without script or API calls: its own stylesheet and nothing else. The
 * chart is inline SVG in the document, which loads nothing; its fills are attributes, not styles.
 */
export const BRIEF_PAGE_CSP = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/** `GET /brief?topic=…&length=short|standard`: the briefing as a printable page, and `GET /brief.css`. */
export function createBriefPageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // HSTS is the deployment's decision (as on the demo page); the page sends no Referer anywhere.
  const headers = secureHeaders({ contentSecurityPolicy: BRIEF_PAGE_CSP, strictTransportSecurity: false });

  app.get(BRIEF_PAGE_PATH, headers, async (c) => {
    const { index, answerer } = requireReady(deps);
    const request = readBriefQuery(c.req.query());
    if (request.topic) c.set('question', request.topic);
    const raw = c.req.raw;
    try {
      // A getter, as on /api/ask: the request's AbortController is built only if the answerer reads it.
      const briefing = await answerer.brief(request, { get signal() { return raw.signal; } });
      return c.html(renderBriefingPage({ briefing, length: request.length, catalogue: { sourceById: index.sourceById, glossary: index.glossary } }));
    } catch (err) {
      // The reader left and the briefing was cancelled with it: nobody to tell, nothing went wrong.
      if (raw.signal.aborted) return new Response(null, { status: 499 });
      throw err;
    }
  });
  serveStaticAsset(app, BRIEF_STYLESHEET);
  return app;
}
