import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppDeps, AppEnv } from '../../env';
import { requireReady } from '../../env';
import { AppError } from '../../errors';
import { withAbsoluteLinks } from '../../http/public-origin';
import { chatChunk, chatCompletion, MODEL, urlCitations, type CompletionMeta } from './completion';
import { chatContent } from './content-stream';
import { openAiError } from './errors';
import { readChatRequest } from './read-request';
import { toAskRequest } from './request';

/**
 * The OpenAI-compatible API, mounted at /v1: `POST /chat/completions` (JSON, or streamed as
 * `data:` chunks ending in `[DONE]`) and `GET /models`, so chat front ends and OpenAI SDKs can use
 * the bot as a model. Citations arrive as `url_citation` annotations on the message, one per
 * `[n]` marker, and whole in the extension field `citations`.
 */
export function createOpenAiRoutes(deps: AppDeps, publicOrigin: (c: Context) => string = (c) => new URL(c.req.url).origin) {
  const app = new Hono<AppEnv>();
  const now = deps.now ?? Date.now;

  app.get('/models', (c) => c.json({ object: 'list', data: [MODEL] }));
  app.get('/models/:id', (c) => {
    if (c.req.param('id') !== MODEL.id) throw new AppError(404, 'model_not_found', `No model "${c.req.param('id')}" here; GET /v1/models lists the one this server serves.`);
    return c.json(MODEL);
  });

  app.post('/chat/completions', async (c) => {
    const { answerer } = requireReady(deps);
    const body = await readChatRequest(c);
    const request = toAskRequest(body.messages);
    c.set('question', request.question);
    const meta: CompletionMeta = { id: `chatcmpl-${c.get('requestId')}`, created: Math.floor(now() / 1000) };
    const origin = publicOrigin(c);
    const raw = c.req.raw;
    if (!body.stream) {
      try {
        // A getter, as in /api/ask: only an answerer that calls a model reads the signal, and on Node reading it costs.
        return c.json(chatCompletion(meta, withAbsoluteLinks(await answerer.ask(request, { get signal() { return raw.signal; } }), origin)));
      } catch (err) {
        // The client left and the answer was cancelled with it: nobody to tell, nothing went wrong.
        if (raw.signal.aborted) return new Response(null, { status: 499 });
        throw err;
      }
    }

    const abort = new AbortController();
    return streamSSE(c, async (sse) => {
      sse.onAbort(() => abort.abort());
      const send = (data: unknown) => sse.writeSSE({ data: JSON.stringify(data) });
      try {
        await send(chatChunk(meta, { role: 'assistant', content: '' }));
        let content = '';
        for await (const event of chatContent(answerer.stream(request, { signal: abort.signal }))) {
          if (event.type === 'content') {
            content += event.text;
            await send(chatChunk(meta, { content: event.text }));
            continue;
          }
          // Indices into everything sent, the links absolute as in a whole completion.
          const { citations } = withAbsoluteLinks(event.response, origin);
          await send(chatChunk(meta, { content: '', annotations: urlCitations(content, citations), citations }));
          await send(chatChunk(meta, {}, 'stop'));
          await sse.writeSSE({ data: '[DONE]' });
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        deps.logger.error('chat completion stream failed', { requestId: c.get('requestId'), error: String(err) });
        // The SDKs raise an APIError for a `data:` line that carries `error`; no [DONE] follows it.
        const [code, message] = err instanceof AppError ? [err.code, err.message] : ['internal_error', 'The answer could not be completed.'];
        await send(openAiError(500, code, message));
      }
    });
  });

  return app;
}
