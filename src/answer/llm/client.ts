import type OpenAI from 'openai';
import { ModelError, type ChatClient, type ChatRequest, type Fault } from './chat';
import { isTimeout, untilAborted } from './deadline';

export interface OpenAIChatOptions {
  /** Keyless local servers (Ollama, LM Studio) accept any placeholder. */
  apiKey?: string;
  /** Defaults to https://api.openai.com/v1; any server speaking /v1/chat/completions works. */
  baseURL?: string;
  model: string;
  /** Low but not zero: fluent paraphrase without inventing. */
  temperature?: number;
  fetch?: typeof fetch;
}

/**
 * A chat client over the `openai` SDK that sends only what every OpenAI-compatible server
 * accepts (model, messages, temperature, max_tokens, stream) and reports failures as
 * `ModelError`s. Retries and time limits are the caller's: the SDK's retries are off.
 */
export function createOpenAIChatClient({ apiKey, baseURL, model, temperature = 0.1, fetch }: OpenAIChatOptions): ChatClient {
  // organization/project null: configuration arrives as arguments, never from process.env.
  const client = loadSdk().then(({ default: OpenAI }) => new OpenAI({ apiKey: apiKey ?? 'not-needed', baseURL, organization: null, project: null, maxRetries: 0, ...(fetch ? { fetch } : {}) }));
  // A failed import is reported by the first call that needs the client, not as an unhandled rejection.
  client.catch(() => {});
  const body = (r: ChatRequest) => ({ model, messages: r.messages, temperature, max_tokens: r.maxTokens });
  const options = (r: ChatRequest) => ({ signal: r.signal, timeout: Math.max(1, Math.ceil(r.timeoutMs)), maxRetries: 0 });

  return {
    async complete(r) {
      try {
        const completion = await (await client).chat.completions.create({ ...body(r), stream: false }, options(r));
        return completion.choices[0]?.message?.content ?? '';
      } catch (err) {
        throw await translate(err, r.signal);
      }
    },
    async stream(r) {
      let stream;
      try {
        stream = await (await client).chat.completions.create({ ...body(r), stream: true }, options(r));
      } catch (err) {
        throw await translate(err, r.signal);
      }
      return (async function* () {
        const chunks = stream[Symbol.asyncIterator]();
        try {
          for (;;) {
            // Raced against the signal: a transport that ignores the abort (a stalled body) must
            // not hold the answer past its deadline.
            const next = await untilAborted(chunks.next(), r.signal);
            if (next.done) break;
            const text = next.value.choices[0]?.delta?.content;
            if (text) yield text;
          }
        } catch (err) {
          throw await translate(err, r.signal);
        } finally {
          stream.controller.abort();
        }
        // The SDK ends the iteration quietly when its request is aborted: an answer cut off by
        // the deadline must not pass for a finished one.
        if (r.signal.aborted) throw await translate(new (await loadSdk()).APIUserAbortError(), r.signal);
      })();
    },
  };
}

/**
 * Imported when a chat client is created, not with this module: a server that answers without a
 * model never loads the SDK, which took 0.13 s of a cold start (0.29 s through tsx).
 */
let sdkModule: Promise<typeof import('openai')> | undefined;
const loadSdk = () => (sdkModule ??= import('openai'));

async function translate(err: unknown, signal: AbortSignal): Promise<unknown> {
  if (signal.aborted) {
    // The user went away: not a model fault, let it through as the abort it is.
    if (!isTimeout(signal.reason)) return signal.reason;
    return new ModelError('timeout', 'the model did not answer within the time budget', { cause: err });
  }
  const { APIConnectionError, APIError } = await loadSdk();
  if (err instanceof APIError && err.status !== undefined) {
    return new ModelError(faultOf(err.status), `the model server answered ${err.status}`, { status: err.status, retryAfterMs: retryAfter(err.headers), cause: err });
  }
  if (err instanceof APIConnectionError) return new ModelError('connection', `could not reach the model server: ${err.message}`, { cause: err });
  // An error frame inside the stream, or a reply the SDK could not parse.
  if (err instanceof APIError) return new ModelError('server_error', `the model server failed mid-answer: ${err.message}`, { cause: err });
  return err;
}

const faultOf = (status: number): Fault => (status === 429 ? 'rate_limited' : status >= 500 || status === 408 || status === 409 ? 'server_error' : 'rejected');

function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const s = Number(headers?.get('retry-after') ?? NaN);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}
