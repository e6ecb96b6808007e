import type { AskRequest, AskResponse } from '../../../../core/answer/types';
import type { BriefSection } from '../../../../core/brief/types';
import type { Source } from '../../../../core/corpus/types';
import { readSse } from './sse';

/** A failure worth showing the reader; `message` is written for people, not developers. */
export class WidgetError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const UNREACHABLE = 'The assistant can’t be reached from this page right now.';

/** Statuses a retry over plain JSON might fix; anything else /api/ask would refuse the same way. */
const STREAMING_MAY_BE_THE_PROBLEM = (status: number) => status === 404 || status === 405 || status >= 500;

export interface AskOptions {
  onDelta: (text: string) => void;
  /** A briefing's section, once all of it has streamed as text. */
  onSection?: (section: BriefSection) => void;
  onRestart: () => void;
  signal: AbortSignal;
}

export interface Api {
  /** Streams the answer (`onDelta` per verified piece) and resolves with the whole response. */
  ask(request: AskRequest, options: AskOptions): Promise<AskResponse>;
  /** A formatted citation (`apa` or `bibtex`) of one source. */
  citation(sourceId: string, format: 'apa' | 'bibtex'): Promise<string>;
  /** One source's record, fetched once per widget. */
  source(sourceId: string): Promise<Source>;
}

/**
 * `POST /api/chat` read as an event stream (EventSource cannot POST), falling back to
 * `POST /api/ask` when the stream cannot be had: a proxy that buffers or blocks it, a network
 * hiccup mid-answer. Server refusals (bad input, rate limits, origin) are not retried.
 */
export function createApi(endpoint: string, fetchFn: typeof fetch = (input, init) => fetch(input, init)): Api {
  const post = (path: string, body: AskRequest, signal: AbortSignal, accept: string) =>
    fetchFn(`${endpoint}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: accept }, body: JSON.stringify(body), signal });

  async function askJson(request: AskRequest, signal: AbortSignal): Promise<AskResponse> {
    const res = await post('/api/ask', request, signal, 'application/json').catch((err: unknown) => {
      throw signal.aborted ? err : unreachable(err);
    });
    if (!res.ok) throw await errorFrom(res);
    return (await res.json()) as AskResponse;
  }

  async function askStreaming(request: AskRequest, { onDelta, onSection, signal }: AskOptions): Promise<AskResponse | undefined> {
    let res: Response;
    try {
      res = await post('/api/chat', request, signal, 'text/event-stream');
    } catch (err) {
      if (signal.aborted) throw err;
      return undefined;
    }
    if (!res.ok) {
      if (STREAMING_MAY_BE_THE_PROBLEM(res.status)) return undefined;
      throw await errorFrom(res);
    }
    if (!res.body || !/^text\/event-stream/i.test(res.headers.get('content-type') ?? '')) return undefined;
    try {
      for await (const event of readSse(res.body)) {
        if (event.event === 'answer-delta') onDelta((JSON.parse(event.data) as { text: string }).text);
        else if (event.event === 'briefing-section') onSection?.(JSON.parse(event.data) as BriefSection);
        else if (event.event === 'answer-end') return JSON.parse(event.data) as AskResponse;
        else if (event.event === 'error') throw errorFromBody(JSON.parse(event.data));
      }
    } catch (err) {
      if (err instanceof WidgetError || signal.aborted) throw err;
    }
    return undefined; // the stream broke or ended without an answer
  }

  // Read-next lists name the same few works again and again: ask for each one once.
  const sources = new Map<string, Promise<Source>>();

  return {
    async ask(request, options) {
      const streamed = await askStreaming(request, options);
      if (streamed) return streamed;
      options.onRestart();
      return askJson(request, options.signal);
    },
    async citation(sourceId, format) {
      const res = await fetchFn(`${endpoint}/api/sources/${encodeURIComponent(sourceId)}?format=${format}`).catch((err: unknown) => {
        throw unreachable(err);
      });
      if (!res.ok) throw await errorFrom(res);
      return res.text();
    },
    source(sourceId) {
      let record = sources.get(sourceId);
      if (!record) {
        record = fetchFn(`${endpoint}/api/sources/${encodeURIComponent(sourceId)}`)
          .catch((err: unknown) => {
            throw unreachable(err);
          })
          .then(async (res) => {
            if (!res.ok) throw await errorFrom(res);
            return (await res.json()) as Source;
          });
        // A failure is not remembered: the next briefing that names the work asks again.
        record.catch(() => sources.delete(sourceId));
        sources.set(sourceId, record);
      }
      return record;
    },
  };
}

function unreachable(cause: unknown): WidgetError {
  // A refused origin looks exactly like a network failure to page script (CORS hides the 403), so
  // leave the site owner a hint where they will look for one.
  console.warn('[IskpBriefing] request failed. If this page is on another site, the server must list its origin in WIDGET_ALLOWED_ORIGINS.', cause);
  return new WidgetError('unreachable', UNREACHABLE);
}

async function errorFrom(res: Response): Promise<WidgetError> {
  const body: unknown = await res.json().catch(() => undefined);
  return errorFromBody(body, res.status);
}

function errorFromBody(body: unknown, status?: number): WidgetError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${status ?? 'error'}`;
  if (status === 429 || code === 'rate_limited') return new WidgetError(code, 'Too many questions at once. Please wait a moment and try again.');
  if (typeof error?.message === 'string' && error.message) return new WidgetError(code, error.message);
  return new WidgetError(code, 'Something went wrong while answering. Please try again.');
}
