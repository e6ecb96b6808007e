/**
 * Bounded memory for work that depends only on corpus-derived text (a passage's terms, the
 * glossary aliases a query expands to), so it is done once rather than on every request. Holds
 * the last `size` distinct keys and forgets the oldest first.
 */
export interface Memo<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): T;
}

export function createMemo<T>(size: number): Memo<T> {
  const entries = new Map<string, T>();
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      if (entries.size >= size && !entries.has(key)) entries.delete(entries.keys().next().value!);
      entries.set(key, value);
      return value;
    },
  };
}

/** `fn` remembered for its last `size` distinct inputs; `fn` must not return undefined. */
export function memoize<T>(fn: (key: string) => T, size: number): (key: string) => T {
  const memo = createMemo<T>(size);
  return (key) => memo.get(key) ?? memo.set(key, fn(key));
}
