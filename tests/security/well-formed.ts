import { expect } from 'vitest';
import type { FuzzRequest } from './hostile-input';

/** No 5xx; a 4xx is the JSON error body with a code and the request id; a 200 is what the route promises. */
export async function expectWellFormed(res: Response, req: FuzzRequest) {
  const label = `${req.method} ${req.path} (${req.contentType}) ${String(req.body).slice(0, 200)}`;
  expect(res.status, label).toBeLessThan(500);
  const text = await res.text();
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), label).toMatch(/^application\/json/);
    const body = JSON.parse(text) as { error: { code: unknown; message: unknown }; requestId: unknown };
    expect(body.error.code, label).toMatch(/^[a-z_]+$/);
    expect(typeof body.error.message, label).toBe('string');
    expect(body.requestId, label).toBe(res.headers.get('x-request-id'));
    return;
  }
  if (req.path === '/api/chat' && res.status === 200) {
    const events = sseEvents(text);
    expect(events[0]?.event, label).toBe('answer-start');
    expect(['answer-end', 'error'], label).toContain(events.at(-1)?.event);
  }
  if (req.path === '/api/ask' && res.status === 200) {
    expect(JSON.parse(text), label).toMatchObject({ answer: expect.any(String), answerable: expect.any(Boolean), citations: expect.any(Array) });
  }
}

/** Events as an EventSource reads them: lines end only at CR or LF (not at U+2028, which a question may hold). */
export function sseEvents(text: string) {
  return text
    .split(/\r\n\r\n|\n\n|\r\r/)
    .filter(Boolean)
    .map((block) => {
      const fields = Object.fromEntries(block.split(/\r\n|\r|\n/).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
      return { event: fields.event, data: JSON.parse(fields.data!) as unknown };
    });
}
