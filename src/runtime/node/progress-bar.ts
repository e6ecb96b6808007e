/**
 * A text progress bar for model downloads, fed by transformers.js progress events.
 * Files read from disk arrive in one chunk at 100% and draw nothing; only streamed downloads
 * do. (A download without Content-Length also reports 100% from its first chunk, so it shows
 * no bar: transformers.js cannot know its size.)
 */
import type { ModelLoadProgress } from './transformers-embedder';

/** The slice of a writable stream the bar needs (process.stderr fits). */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface ProgressBarOptions {
  /** Characters inside the brackets. */
  width?: number;
}

interface FileState {
  /** Last rendered step: percent on a TTY, quarter otherwise, -1 before the first draw. */
  step: number;
  loaded: number;
  total: number;
}

export function createProgressBar(
  stream: ProgressStream,
  { width = 24 }: ProgressBarOptions = {},
): (p: ModelLoadProgress) => void {
  const files = new Map<string, FileState>();
  // A TTY redraws one line in place; logs and CI get a line per quarter instead of a flood.
  const tty = stream.isTTY === true;

  function draw(label: string, percent: number, loaded: number, total: number, final: boolean): void {
    const filled = Math.round((percent / 100) * width);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    const line = `downloading ${label} [${bar}] ${String(Math.floor(percent)).padStart(3)}% ${formatSize(loaded, total)}`;
    stream.write(tty ? `\r${line}${final ? '\n' : ''}` : `${line}\n`);
  }

  return (p) => {
    const label = [p.name, p.file].filter(Boolean).join('/');
    const state = files.get(label);
    if (p.status === 'progress') {
      const percent = clampPercent(p.progress);
      if (!state && percent >= 100) return; // read whole from disk or cache: not a download
      const current = state ?? { step: -1, loaded: 0, total: 0 };
      files.set(label, current);
      current.loaded = p.loaded ?? current.loaded;
      current.total = p.total ?? current.total;
      const step = tty ? Math.floor(percent) : Math.floor(percent / 25);
      // The 100% line belongs to `done`, so a finished file is drawn complete exactly once.
      if (step === current.step || percent >= 100) return;
      current.step = step;
      draw(label, percent, current.loaded, current.total, false);
    } else if (p.status === 'done' && state) {
      files.delete(label);
      draw(label, 100, state.loaded, state.total, true);
    }
  };
}

function clampPercent(value: number | undefined): number {
  // Defensive: a percent that is not a finite number draws as 0% rather than a broken bar.
  if (value === undefined || !Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}

/** "0.5/21.9 MB": one unit for the pair, chosen by the larger number; total 0 means unknown. */
function formatSize(loaded: number, total: number): string {
  const [divisor, unit] = Math.max(loaded, total) >= 1_048_576 ? [1_048_576, 'MB'] : [1024, 'kB'];
  const n = (bytes: number) => (bytes / divisor).toFixed(1);
  return total > 0 ? `${n(loaded)}/${n(total)} ${unit}` : `${n(loaded)} ${unit}`;
}
