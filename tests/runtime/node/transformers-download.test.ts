import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { env } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTinyModel, TINY_HIDDEN_SIZE } from '../../../scripts/make-tiny-model';
import { createProgressBar } from '../../../src/runtime/node/progress-bar';
import { createTransformersEmbedder } from '../../../src/runtime/node/transformers-embedder';

// A loopback stand-in for the Hugging Face Hub, serving the tiny model in small slow chunks
// so the download path (fetch, streaming progress, caching into MODEL_DIR) runs for real.
describe('transformers embedder downloading a model', () => {
  let sourceDir: string;
  let modelDir: string;
  let server: Server;
  const served: string[] = [];

  beforeAll(async () => {
    sourceDir = await mkdtemp(path.join(tmpdir(), 'hub-'));
    modelDir = await mkdtemp(path.join(tmpdir(), 'model-dir-'));
    const tiny = await makeTinyModel(sourceDir);
    server = createServer(async (req, res) => {
      const file = /^\/acme\/tiny-bert\/resolve\/main\/(.+)$/.exec(req.url ?? '')?.[1];
      const data = file ? await readFile(path.join(tiny, file)).catch(() => null) : null;
      if (!data) return void res.writeHead(404).end();
      served.push(file!);
      res.writeHead(200, { 'content-length': String(data.length) });
      for (let i = 0; i < data.length; i += 4096) {
        res.write(data.subarray(i, i + 4096));
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    env.remoteHost = `http://127.0.0.1:${address.port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(sourceDir, { recursive: true, force: true });
    await rm(modelDir, { recursive: true, force: true });
  });

  it('downloads into modelDir with a progress bar, then loads offline from there', async () => {
    const output: string[] = [];
    const bar = createProgressBar({ isTTY: false, write: (s) => output.push(s) });
    const downloaded = await createTransformersEmbedder({ model: 'acme/tiny-bert', modelDir, onProgress: bar });
    expect(downloaded.dimension).toBe(TINY_HIDDEN_SIZE);
    expect(served).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'onnx/model_quantized.onnx']));
    expect(output.join('')).toMatch(/downloading acme\/tiny-bert\/onnx\/model_quantized\.onnx \[#+\] 100% (\d+\.\d)\/\1 kB\n/);

    served.length = 0;
    const offline = await createTransformersEmbedder({ model: 'acme/tiny-bert', modelDir, allowRemote: false });
    expect(served).toEqual([]);
    const [a] = await downloaded.embed(['hello world']);
    const [b] = await offline.embed(['hello world']);
    expect(Array.from(b!)).toEqual(Array.from(a!));
  });
});
