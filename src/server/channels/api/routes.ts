import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppDeps, AppEnv } from '../../env';
import { errorBody, requireReady } from '../../env';
import { AppError } from '../../errors';
import { readJson } from './read-json';
import { createSseBatch } from './sse-batch';
import { prefersOverJson } from '../../http/accept';
import { withAbsoluteLinks } from '../../http/public-origin';
import { askRequestSchema, briefRequestSchema } from './schemas';

/**
 * `POST /api/ask` (JSON), `POST /api/chat` (the same answer, streamed as Server-Sent Events) and
 * `POST /api/brief` (a briefing, as JSON or, asked for with `Accept: text/markdown`, as Markdown).
 */
export function createApiRoutes(deps: AppDeps, publicOrigin: (c: Context) => string = (c) => new URL(c.req.url).origin) {
  const app = new Hono<AppEnv>();

  app.post('/ask', async (c) => {
    const { answerer } = requireReady(deps);
    const body = await readJson(c, askRequestSchema);
    c.set('question', body.question);
    const request = c.req.raw;
    try {
      // A getter: `@hono/node-server` builds the request's AbortController when `signal` is first
      // read (about 9 µs), and only an answerer that calls a model reads it.
      return c.json(withAbsoluteLinks(await answerer.ask(body, { get signal() { return request.signal; } }), publicOrigin(c)));
    } catch (err) {
      // The client left and the answer was cancelled with it: nobody to tell, nothing went wrong.
      if (request.signal.aborted) return new Response(null, { status: 499 });
      throw err;
    }
  });

  app.post('/brief', async (c) => {
    const { answerer } = requireReady(deps);
    const body = await readJson(c, briefRequestSchema);
    c.set('question', body.topic ?? '(briefing)');
    const request = c.req.raw;
    try {
      const briefing = withAbsoluteLinks(await answerer.brief(body, { get signal() { return request.signal; } }), publicOrigin(c));
      if (prefersOverJson(c.req.header('accept'), 'text/markdown')) return c.body(briefing.markdown ?? '', 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
      return c.json(briefing);
    } catch (err) {
      if (request.signal.aborted) return new Response(null, { status: 499 });
      throw err;
    }
  });

  app.post('/chat', async (c) => {
    const { answerer } = requireReady(deps);
    const body = await readJson(c, askRequestSchema);
    c.set('question', body.question);
    const abort = new AbortController();
    const requestId = c.get('requestId');
    const origin = publicOrigin(c);
    return streamSSE(c, async (sse) => {
      // Client gone: stop the answer (and any upstream model call) instead of writing into the void.
      sse.onAbort(() => abort.abort());
      const events = createSseBatch(sse);
      events.send({ event: 'answer-start', data: JSON.stringify({ requestId }) });
      try {
        for await (const event of answerer.stream(body, { signal: abort.signal })) {
          if (event.type === 'delta') events.send({ event: 'answer-delta', data: JSON.stringify({ text: event.text }) });
          else if (event.type === 'section') events.send({ event: 'briefing-section', data: JSON.stringify(event.section) });
          else events.send({ event: 'answer-end', data: JSON.stringify(withAbsoluteLinks(event.response, origin)) });
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        deps.logger.error('chat stream failed', { requestId, error: String(err) });
        const body = err instanceof AppError ? errorBody(err.code, err.message, requestId) : errorBody('internal_error', 'The answer could not be completed.', requestId);
        events.send({ event: 'error', data: JSON.stringify(body) });
      } finally {
        await events.flush();
      }
    });
  });

  return app;
}
