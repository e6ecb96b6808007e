import { describe, expect, it, vi } from 'vitest';
import type { Embedder } from '../../../src/core/embed/embedder';
import { selectEmbedder, type SelectEmbedderOptions } from '../../../src/core/embed/select-embedder';

const fake = (name: string): Embedder => ({ name, model: `${name}-model`, dimension: 3, embed: async (t) => t.map(() => new Float32Array([1, 0, 0])) });
const never = () => new Promise<Embedder>(() => {});

function options(overrides: Partial<SelectEmbedderOptions>) {
  const log = vi.fn();
  const opts: SelectEmbedderOptions = {
    kind: 'auto',
    loadTransformers: async () => fake('transformers'),
    createOpenAI: () => fake('openai'),
    log,
    ...overrides,
  };
  return { opts, log };
}

describe('selectEmbedder', () => {
  it('auto serves transformers when it loads in time', async () => {
    const { opts, log } = options({});
    expect((await selectEmbedder(opts)).name).toBe('transformers');
    expect(log).toHaveBeenCalledWith('embedder: transformers', expect.objectContaining({ model: 'transformers-model' }));
  });

  it('auto falls back to lexical when the transformers loader rejects, and says why', async () => {
    const { opts, log } = options({ loadTransformers: () => Promise.reject(new Error('onnxruntime-node missing')) });
    const embedder = await selectEmbedder(opts);
    expect(embedder.name).toBe('lexical');
    expect(log).toHaveBeenCalledWith(
      'embedder: transformers failed, serving lexical',
      expect.objectContaining({ embedder: 'lexical', reason: 'error', error: 'onnxruntime-node missing' }),
    );
  });

  it('auto falls back to lexical when the transformers loader throws synchronously', async () => {
    const { opts } = options({
      loadTransformers: () => {
        throw new Error('boom');
      },
    });
    expect((await selectEmbedder(opts)).name).toBe('lexical');
  });

  it('auto falls back to lexical when the transformers loader hangs past the timeout', async () => {
    const { opts, log } = options({ loadTransformers: never, timeoutMs: 30 });
    const started = performance.now();
    const embedder = await selectEmbedder(opts);
    expect(embedder.name).toBe('lexical');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(log).toHaveBeenCalledWith(
      'embedder: transformers too slow, serving lexical',
      expect.objectContaining({ reason: 'timeout', timeoutMs: 30 }),
    );
    const [v] = await embedder.embed(['still answers']);
    expect(v).toHaveLength(embedder.dimension);
  });

  it('uses the injected lexical factory for the fallback', async () => {
    const { opts } = options({ loadTransformers: never, timeoutMs: 1, createLexical: () => fake('lexical-custom') });
    expect((await selectEmbedder(opts)).name).toBe('lexical-custom');
  });

  it('serves lexical when asked, without loading anything else', async () => {
    const loadTransformers = vi.fn(never);
    const { opts } = options({ kind: 'lexical', loadTransformers });
    expect((await selectEmbedder(opts)).name).toBe('lexical');
    expect(loadTransformers).not.toHaveBeenCalled();
  });

  it('waits for an explicitly requested transformers embedder however long it takes', async () => {
    const { opts } = options({
      kind: 'transformers',
      timeoutMs: 1,
      loadTransformers: () => new Promise((resolve) => setTimeout(() => resolve(fake('transformers')), 50)),
    });
    expect((await selectEmbedder(opts)).name).toBe('transformers');
  });

  it('fails loudly when an explicitly requested embedder cannot load', async () => {
    const transformers = options({ kind: 'transformers', loadTransformers: () => Promise.reject(new Error('no model files')) });
    await expect(selectEmbedder(transformers.opts)).rejects.toThrow(/EMBEDDER=transformers was requested.*no model files/);

    const openai = options({
      kind: 'openai',
      createOpenAI: () => {
        throw new Error('no API key');
      },
    });
    await expect(selectEmbedder(openai.opts)).rejects.toThrow(/EMBEDDER=openai was requested.*no API key/);
  });

  it('accepts sync and async OpenAI factories', async () => {
    expect((await selectEmbedder(options({ kind: 'openai' }).opts)).name).toBe('openai');
    expect((await selectEmbedder(options({ kind: 'openai', createOpenAI: async () => fake('openai') }).opts)).name).toBe('openai');
  });

  it('rejects an unknown kind', async () => {
    const { opts } = options({ kind: 'word2vec' as never });
    await expect(selectEmbedder(opts)).rejects.toThrow(/unknown embedder kind "word2vec"/);
  });
});
