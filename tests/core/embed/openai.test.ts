import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIEmbedder, loadOpenAIEmbedder } from '../../../src/core/embed/openai';

interface EmbeddingsBody {
  model: string;
  input: string[];
  dimensions?: number;
  encoding_format?: string;
}

const requests: EmbeddingsBody[] = [];
const authHeaders: (string | null)[] = [];

/** A fake vector whose first two entries encode the text, so order and scaling are checkable. */
function fakeEmbedding(text: string, width: number): number[] {
  const v = new Array<number>(width).fill(0);
  v[0] = 3 * (Number(text.replace(/\D/g, '')) + 1);
  v[1] = 4;
  return v;
}

function embeddingsHandler(width: (body: EmbeddingsBody) => number) {
  return async ({ request }: { request: Request }) => {
    const body = (await request.json()) as EmbeddingsBody;
    requests.push(body);
    authHeaders.push(request.headers.get('authorization'));
    return HttpResponse.json({
      object: 'list',
      model: body.model,
      // Out of order on purpose: the API pairs results with inputs by `index`.
      data: body.input.map((text, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(text, width(body)) })).reverse(),
      usage: { prompt_tokens: body.input.length, total_tokens: body.input.length },
    });
  };
}

const server = setupServer(
  http.post('https://api.openai.com/v1/embeddings', embeddingsHandler((body) => body.dimensions ?? (body.model.endsWith('large') ? 3072 : 1536))),
  http.post('http://compat.test/v1/embeddings', embeddingsHandler(() => 12)),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
  authHeaders.length = 0;
});
afterAll(() => server.close());

describe('openai embedder', () => {
  it('knows the dimension of OpenAI models without a request', () => {
    expect(createOpenAIEmbedder({ apiKey: 'sk-test' })).toMatchObject({ name: 'openai', model: 'text-embedding-3-small', dimension: 1536 });
    expect(createOpenAIEmbedder({ apiKey: 'sk-test', model: 'text-embedding-3-large' }).dimension).toBe(3072);
    expect(createOpenAIEmbedder({ apiKey: 'sk-test', dimension: 256 }).dimension).toBe(256);
    expect(requests).toHaveLength(0);
  });

  it('batches 96 texts per request, keeps order and returns unit vectors', async () => {
    const texts = Array.from({ length: 200 }, (_, i) => `text ${i}`);
    const vectors = await createOpenAIEmbedder({ apiKey: 'sk-test' }).embed(texts);
    expect(requests.map((r) => r.input.length)).toEqual([96, 96, 8]);
    expect(requests[0]).toMatchObject({ model: 'text-embedding-3-small', encoding_format: 'float' });
    expect(authHeaders[0]).toBe('Bearer sk-test');
    expect(vectors).toHaveLength(200);
    vectors.forEach((v, i) => {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(1536);
      const scale = Math.hypot(3 * (i + 1), 4);
      expect(v[0]).toBeCloseTo((3 * (i + 1)) / scale, 6);
      expect(v[1]).toBeCloseTo(4 / scale, 6);
    });
  });

  it('sends the requested dimensions for text-embedding-3 models and replaces empty input', async () => {
    const [v] = await createOpenAIEmbedder({ apiKey: 'sk-test', dimension: 64, batchSize: 10 }).embed(['']);
    expect(requests[0]).toMatchObject({ dimensions: 64, input: [' '] });
    expect(v).toHaveLength(64);
  });

  it('probes the dimension of models it does not know, through an injected fetch', async () => {
    const seen: string[] = [];
    const embedder = await loadOpenAIEmbedder({
      apiKey: 'local',
      baseURL: 'http://compat.test/v1',
      model: 'nomic-embed-text',
      fetch: (input, init) => {
        seen.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    });
    expect(embedder.dimension).toBe(12);
    expect(requests[0]).not.toHaveProperty('dimensions');
    const [v] = await embedder.embed(['hello 1']);
    expect(v).toHaveLength(12);
    expect(seen).toEqual(['http://compat.test/v1/embeddings', 'http://compat.test/v1/embeddings']);
  });

  it('refuses to guess the dimension of an unknown model synchronously', () => {
    expect(() => createOpenAIEmbedder({ apiKey: 'k', model: 'nomic-embed-text' })).toThrow(/dimension.*unknown.*loadOpenAIEmbedder/);
  });

  it('fails clearly without an API key', () => {
    expect(() => createOpenAIEmbedder({})).toThrow(/no API key/);
  });

  it('surfaces API errors with status, message and which texts failed', async () => {
    server.use(
      http.post('https://api.openai.com/v1/embeddings', () =>
        HttpResponse.json(
          { error: { message: 'Incorrect API key provided: sk-bad', type: 'invalid_request_error', code: 'invalid_api_key' } },
          { status: 401 },
        ),
      ),
    );
    const embedder = createOpenAIEmbedder({ apiKey: 'sk-bad' });
    await expect(embedder.embed(['a', 'b'])).rejects.toThrow(
      /openai embedder: embeddings request failed \(model "text-embedding-3-small", texts 1-2 of 2\): 401 Incorrect API key/,
    );
  });

  it('surfaces server errors once retries are exhausted', async () => {
    let calls = 0;
    server.use(
      http.post('https://api.openai.com/v1/embeddings', () => {
        calls++;
        return HttpResponse.json({ error: { message: 'overloaded' } }, { status: 503 });
      }),
    );
    await expect(createOpenAIEmbedder({ apiKey: 'sk-test', maxRetries: 0 }).embed(['a'])).rejects.toThrow(/503 overloaded/);
    expect(calls).toBe(1);
  });

  it('rejects responses whose width does not match the model', async () => {
    server.use(http.post('https://api.openai.com/v1/embeddings', embeddingsHandler(() => 8)));
    await expect(createOpenAIEmbedder({ apiKey: 'sk-test' }).embed(['a'])).rejects.toThrow(/returned 8 dimensions, expected 1536/);
  });
});
