import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config';
import { silentLogger } from '../../../src/core/log';
import { createNodeEmbedder } from '../../../src/runtime/node/embedder';

describe('createNodeEmbedder()', () => {
  it('loads the OpenAI embedder, imported on demand, when EMBEDDER=openai asks for it', async () => {
    // A model whose width is known needs no request: nothing here reaches the network.
    const embedder = await createNodeEmbedder(parseConfig({ EMBEDDER: 'openai', OPENAI_API_KEY: 'sk-test' }), silentLogger);
    expect(embedder).toMatchObject({ name: 'openai', model: 'text-embedding-3-small', dimension: 1536 });
  });

  it('reports an OpenAI embedder it cannot build as the operator’s request that failed', async () => {
    await expect(createNodeEmbedder(parseConfig({ EMBEDDER: 'openai' }), silentLogger)).rejects.toThrow(/EMBEDDER=openai was requested.*no API key/);
  });
});
