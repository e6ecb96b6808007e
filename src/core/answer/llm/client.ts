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
  // The SDK is imported when a client is created, not with this module: a server that answers
  // without a model never loads it (0.13 s of a cold start, 0.29 s through tsx).
  const sdk = import('openai').then((module) => ({
    module,
    // organization/project null: configuration arrives as arguments, never from process.env.
    client: new module.default({ apiKey: apiKey ?? 'not-needed', baseURL, organization: null, project: null, maxRetries: 0, ...(fetch ? { fetch } : {}) }),
  }));
  // A failed import is reported by the first call that needs the client, not as an unhandled rejection.
  sdk.catch(() => {});
  const body = (r: ChatRequest) => ({ model, messages: r.messages, temperature, max_tokens: r.maxTokens });
  const options = (r: ChatRequest) => ({ signal: r.signal, timeout: Math.max(1, Math.ceil(r.timeoutMs)), maxRetries: 0 });

  return {
    async complete(r) {
      const { module, client } = await sdk;
      try {
        const completion = await client.chat.completions.create({ ...body(r), stream: false }, options(r));
        return completion.choices[0]?.message?.content ?? '';
      } catch (err) {
        throw translate(err, r.signal, module);
      }
    },
    async stream(r) {
      const { module, client } = await sdk;
      let stream;
      try {
        stream = await client.chat.completions.create({ ...body(r), stream: true }, options(r));
      } catch (err) {
        throw translate(err, r.signal, module);
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
          throw translate(err, r.signal, module);
        } finally {
          stream.controller.abort();
        }
        // The SDK ends the iteration quietly when its request is aborted: an answer cut off by
        // the deadline must not pass for a finished one.
        if (r.signal.aborted) throw translate(new module.APIUserAbortError(), r.signal, module);
      })();
    },
  };
}

/** The SDK's error classes, from the module the client was built with. */
type SdkErrors = Pick<typeof import('openai'), 'APIError' | 'APIConnectionError'>;

function translate(err: unknown, signal: AbortSignal, { APIError, APIConnectionError }: SdkErrors): unknown {
  if (signal.aborted) {
    // The user went away: not a model fault, let it through as the abort it is.
    if (!isTimeout(signal.reason)) return signal.reason;
    return new ModelError('timeout', 'the model did not answer within the time budget', { cause: err });
  }
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
