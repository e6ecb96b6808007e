import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../../src/runtime/node/progress-bar';
import type { ModelLoadProgress } from '../../../src/runtime/node/transformers-embedder';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (s: string) => chunks.push(s) } };
}

const file = { name: 'Xenova/all-MiniLM-L6-v2', file: 'onnx/model_quantized.onnx' };
const download: ModelLoadProgress[] = [
  { status: 'initiate', ...file },
  { status: 'download', ...file },
  ...[10, 30, 60, 90, 100].map((progress) => ({ status: 'progress', ...file, progress, loaded: progress * 230_000, total: 23_000_000 })),
  { status: 'done', ...file },
  { status: 'ready' },
];

describe('download progress bar', () => {
  it('stays silent for files read whole from disk', () => {
    const { chunks, stream } = capture(true);
    const onProgress = createProgressBar(stream);
    for (const p of [
      { status: 'initiate', name: 'm', file: 'config.json' },
      { status: 'progress', name: 'm', file: 'config.json', progress: 100, loaded: 10, total: 10 },
      { status: 'done', name: 'm', file: 'config.json' },
    ]) onProgress(p);
    expect(chunks).toEqual([]);
  });

  it('redraws one line in place on a terminal and ends it at 100%', () => {
    const { chunks, stream } = capture(true);
    const onProgress = createProgressBar(stream, { width: 10 });
    download.forEach(onProgress);
    expect(chunks.every((c) => c.startsWith('\r'))).toBe(true);
    expect(chunks[0]).toContain('[#---------]  10% 2.2/21.9 MB');
    expect(chunks.at(-1)).toBe('\rdownloading Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx [##########] 100% 21.9/21.9 MB\n');
  });

  it('writes a line per quarter when not on a terminal', () => {
    const { chunks, stream } = capture(false);
    const onProgress = createProgressBar(stream, { width: 4 });
    download.forEach(onProgress);
    expect(chunks.map((c) => c.match(/\d+%/)?.[0])).toEqual(['10%', '30%', '60%', '90%', '100%']);
    expect(chunks.every((c) => c.endsWith('\n') && !c.includes('\r'))).toBe(true);
  });
});
