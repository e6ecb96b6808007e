/**
 * Milliseconds that `times` calls of `run` take. The tests of rewritten super-linear regexes
 * repeat each adversarial input: a single call at the API's limits cost the old patterns only
 * 10–75 ms, too close to a bound that stays robust on a loaded machine (100 ms) to tell them apart.
 */
export function msFor(run: () => unknown, times = 20): number {
  const started = performance.now();
  for (let i = 0; i < times; i++) run();
  return performance.now() - started;
}

export interface Growth {
  /** How many times longer the input four times as large took: about 4 for linear work, 16 for quadratic. */
  ratio: number;
  /** Milliseconds the larger input took (the fastest of the tries). */
  ms: number;
}

/**
 * How `run`'s time grows from `n` to `4n`, each timed as the fastest of `tries` after a warm-up:
 * a ratio, so a loaded machine slows both sides alike instead of failing a fixed bound.
 */
export function growth(run: (n: number) => unknown, n: number, tries = 5): Growth {
  const fastest = (size: number) => {
    let best = Infinity;
    for (let i = 0; i < tries; i++) {
      const started = performance.now();
      run(size);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  fastest(n);
  const small = fastest(n);
  const large = fastest(4 * n);
  return { ratio: large / Math.max(small, 0.01), ms: large };
}

/**
 * Linear, or too fast to tell: under 8x for 4x the input, or the larger input done within
 * `fastMs` (sub-millisecond timings are all noise). Quadratic work fails both.
 */
export const looksLinear = ({ ratio, ms }: Growth, fastMs = 20) => ratio < 8 || ms < fastMs;
