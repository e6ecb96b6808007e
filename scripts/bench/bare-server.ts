/**
 * The framework's floor, for reading the HTTP table: Hono on @hono/node-server with no
 * middleware and no answering. `GET /healthz` as the app answers it, and a `POST /api/ask` that
 * reads and parses the JSON body and echoes the question. What the app's rows cost beyond these
 * is its own middleware, validation and answering.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
app.post('/api/ask', async (c) => {
  const { question } = JSON.parse(await c.req.text()) as { question: string };
  return c.json({ question });
});
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT) });
