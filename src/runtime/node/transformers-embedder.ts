/**
 * Sentence embeddings with @xenova/transformers (ONNX Runtime for Node). Node only: the
 * library pulls in onnxruntime-node and sharp, so import this module lazily.
 */
import { env, pipeline } from '@xenova/transformers';
import type { Embedder } from '../../core/embed/embedder';

/** What transformers.js reports while fetching model files (its `progress_callback` payload). */
export interface ModelLoadProgress {
  status: 'initiate' | 'download' | 'progress' | 'done' | 'ready' | string;
  /** Model id. */
  name?: string;
  /** File within the model, e.g. `onnx/model_quantized.onnx`. */
  file?: string;
  /** Percent, 0-100, on `progress` events. */
  progress?: number;
  loaded?: number;
  total?: number;
}

export interface TransformersEmbedderOptions {
  /** Hub id or folder name under `modelDir`. */
  model?: string;
  /** Where models live: read from `<modelDir>/<model>/`, and downloads are cached there too. */
  modelDir?: string;
  /** When false, only files already under `modelDir` are used; nothing is fetched. */
  allowRemote?: boolean;
  onProgress?: (p: ModelLoadProgress) => void;
  /** Texts per forward pass: bounds memory (padding makes a batch as long as its longest text). */
  batchSize?: number;
  /** transformers.js loads `onnx/model_quantized.onnx` when true, `onnx/model.onnx` when false. */
  quantized?: boolean;
}

const PROBE_TEXT = 'dimension probe';

/**
 * Loads the model (downloading it if allowed and needed) and probes its output width.
 * `env` is process-global in transformers.js: the settings here apply to every later load,
 * so concurrent loads with different `modelDir`s would race; the app loads one model.
 */
export async function createTransformersEmbedder({
  model = 'Xenova/all-MiniLM-L6-v2',
  modelDir,
  allowRemote = true,
  onProgress,
  batchSize = 32,
  quantized = true,
}: TransformersEmbedderOptions = {}): Promise<Embedder> {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`transformers embedder: batchSize must be a positive integer, got ${batchSize}`);
  }
  env.allowLocalModels = true;
  env.allowRemoteModels = allowRemote;
  if (modelDir) {
    // Same folder for both: a downloaded model is cached at exactly the path that is read
    // locally next time, so a pre-seeded MODEL_DIR and a download end up identical.
    env.localModelPath = modelDir;
    env.cacheDir = modelDir;
  }

  let extractor: Awaited<ReturnType<typeof pipeline<'feature-extraction'>>>;
  try {
    extractor = await pipeline('feature-extraction', model, {
      quantized,
      ...(onProgress ? { progress_callback: onProgress } : {}),
    });
  } catch (err) {
    const where = modelDir ? ` from ${modelDir}` : '';
    const remote = allowRemote ? '' : ' (remote downloads disabled)';
    throw new Error(`transformers embedder: could not load model "${model}"${where}${remote}: ${messageOf(err)}`, {
      cause: err,
    });
  }

  async function run(texts: string[]): Promise<Float32Array[]> {
    const output = await extractor(texts, { pooling: 'mean', normalize: true });
    const [rows, width] = output.dims as [number, number];
    const data = output.data as Float32Array;
    const vectors: Float32Array[] = [];
    // slice, not subarray: each vector owns its memory instead of pinning the whole batch.
    for (let r = 0; r < rows; r++) vectors.push(data.slice(r * width, (r + 1) * width));
    return vectors;
  }

  let dimension: number;
  try {
    dimension = (await run([PROBE_TEXT]))[0]?.length ?? 0;
  } catch (err) {
    throw new Error(`transformers embedder: model "${model}" loaded but failed to run: ${messageOf(err)}`, { cause: err });
  }
  if (dimension === 0) throw new Error(`transformers embedder: model "${model}" produced an empty embedding`);

  return {
    name: 'transformers',
    model,
    dimension,
    async embed(texts: string[]): Promise<Float32Array[]> {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        vectors.push(...(await run(texts.slice(start, start + batchSize))));
      }
      return vectors;
    },
  };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
