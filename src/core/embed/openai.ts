/**
 * Embeddings from the OpenAI API (or any server speaking its /v1/embeddings dialect) via the
 * `openai` SDK. Web-standard only, so it runs on Node and Cloudflare Workers alike.
 *
 * Dimension: the Embedder contract needs it up front. `createOpenAIEmbedder` is synchronous
 * and knows it for OpenAI's own models (or takes `dimension`); for any other model
 * `loadOpenAIEmbedder` asks the server once with a probe text and reads the width off the
 * answer. Every response is then checked against that width, so a server that changes model
 * under us fails loudly instead of corrupting the index.
 */
import OpenAI from 'openai';
import type { Embedder } from './embedder';

export interface OpenAIEmbedderOptions {
  apiKey?: string;
  /** Defaults to https://api.openai.com/v1; set for OpenAI-compatible servers. */
  baseURL?: string;
  model?: string;
  /**
   * For text-embedding-3-* this is sent as `dimensions` (the API shortens the vectors);
   * for other models it is the width the server is expected to return.
   */
  dimension?: number;
  fetch?: typeof fetch;
  /** Inputs per request: OpenAI accepts up to 2048, smaller batches keep requests well under size limits. */
  batchSize?: number;
  /** SDK retries on 408/409/429/5xx and connection errors, with backoff. */
  maxRetries?: number;
}

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
const NATIVE_DIMENSIONS: Readonly<Record<string, number>> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};
const PROBE_TEXT = 'dimension probe';

/** Width the model will return, when it can be known without asking the server. */
export function knownOpenAIDimension(model: string, requested?: number): number | undefined {
  return requested ?? NATIVE_DIMENSIONS[model];
}

/** Only the text-embedding-3 family accepts `dimensions`; ada-002 and most compatible servers reject it. */
function acceptsDimensions(model: string): boolean {
  return model.startsWith('text-embedding-3');
}

interface Requester {
  (texts: string[]): Promise<number[][]>;
}

function createRequester({
  apiKey,
  baseURL = DEFAULT_BASE_URL,
  model = 'text-embedding-3-small',
  dimension,
  fetch,
  maxRetries = 2,
}: OpenAIEmbedderOptions): Requester {
  if (!apiKey) {
    throw new Error(
      'openai embedder: no API key (set OPENAI_API_KEY; keyless OpenAI-compatible servers accept any placeholder)',
    );
  }
  // organization/project passed as null so the SDK does not pick them up from the environment:
  // configuration arrives as arguments only.
  const client = new OpenAI({
    apiKey,
    baseURL,
    organization: null,
    project: null,
    maxRetries,
    ...(fetch ? { fetch } : {}),
  });
  const dimensions = dimension !== undefined && acceptsDimensions(model) ? dimension : undefined;

  return async (texts) => {
    const response = await client.embeddings.create({
      model,
      // The API rejects empty strings; a lone space embeds as "nothing" just as well.
      input: texts.map((t) => (t.length > 0 ? t : ' ')),
      // Floats, not the SDK's default base64: compatible servers (Ollama, vLLM, LM Studio)
      // do not all implement base64, and the SDK cannot tell when they ignore it.
      encoding_format: 'float',
      ...(dimensions !== undefined ? { dimensions } : {}),
    });
    if (response.data.length !== texts.length) {
      throw new Error(`openai embedder: sent ${texts.length} texts, got ${response.data.length} embeddings back`);
    }
    const ordered: number[][] = new Array(texts.length);
    for (const item of response.data) ordered[item.index] = item.embedding;
    return ordered;
  };
}

function toUnitVector(values: number[] | undefined, dimension: number, model: string): Float32Array {
  if (!values || values.length !== dimension) {
    throw new Error(
      `openai embedder: model "${model}" returned ${values?.length ?? 'no'} dimensions, expected ${dimension}`,
    );
  }
  let norm = 0;
  for (const v of values) norm += v * v;
  if (!(norm > 0) || !Number.isFinite(norm)) {
    throw new Error(`openai embedder: model "${model}" returned a zero or non-finite vector`);
  }
  const inv = 1 / Math.sqrt(norm);
  const out = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) out[i] = values[i]! * inv;
  return out;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function buildEmbedder(request: Requester, model: string, dimension: number, batchSize: number): Embedder {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`openai embedder: batchSize must be a positive integer, got ${batchSize}`);
  }
  return {
    name: 'openai',
    model,
    dimension,
    async embed(texts: string[]): Promise<Float32Array[]> {
      const vectors: Float32Array[] = [];
      // Sequential batches: parallel ones mostly buy 429s on ordinary rate limits.
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize);
        let raw: number[][];
        try {
          raw = await request(batch);
        } catch (err) {
          const span = `texts ${start + 1}-${start + batch.length} of ${texts.length}`;
          throw new Error(`openai embedder: embeddings request failed (model "${model}", ${span}): ${describe(err)}`, {
            cause: err,
          });
        }
        for (const values of raw) vectors.push(toUnitVector(values, dimension, model));
      }
      return vectors;
    },
  };
}

/** Synchronous factory; throws when the dimension can't be known without a request (use `loadOpenAIEmbedder`). */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions = {}): Embedder {
  const model = options.model ?? 'text-embedding-3-small';
  const dimension = knownOpenAIDimension(model, options.dimension);
  if (dimension === undefined) {
    throw new Error(
      `openai embedder: dimension of model "${model}" is unknown; pass \`dimension\` or use loadOpenAIEmbedder() to probe it`,
    );
  }
  return buildEmbedder(createRequester(options), model, dimension, options.batchSize ?? 96);
}

/** Async factory: like `createOpenAIEmbedder`, but asks the server for the width of unknown models. */
export async function loadOpenAIEmbedder(options: OpenAIEmbedderOptions = {}): Promise<Embedder> {
  const model = options.model ?? 'text-embedding-3-small';
  if (knownOpenAIDimension(model, options.dimension) !== undefined) return createOpenAIEmbedder(options);
  const request = createRequester(options);
  let width: number;
  try {
    width = (await request([PROBE_TEXT]))[0]?.length ?? 0;
  } catch (err) {
    throw new Error(`openai embedder: probing model "${model}" failed: ${describe(err)}`, { cause: err });
  }
  if (width === 0) throw new Error(`openai embedder: model "${model}" returned an empty embedding`);
  return buildEmbedder(request, model, width, options.batchSize ?? 96);
}
