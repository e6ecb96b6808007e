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
