/**
 * Bounded memory for work that depends only on its key (a passage's terms, the glossary aliases a
 * query expands to, a client's pseudonym), so it is done once rather than on every request.
 * Holds at most `size` keys, and at least the last `size / 2` distinct keys it was asked for.
 */
export interface Memo<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): T;
}

export function createMemo<T>(size: number): Memo<T> {
  const generation = Math.max(1, Math.ceil(size / 2));
  // Two generations rather than a queue: when the young one is full it becomes the old one, and
  // the old one is dropped whole; a key asked for from the old one moves back to the young. Every
  // step is O(1). Evicting the oldest key of one Map at a time was not: a Map keeps deleted
  // entries in its insertion-ordered table until it next grows, and `keys().next()` walked past
  // all of them, 7.8 µs a question once a stream of unseen questions had filled the memo.
  let young = new Map<string, T>();
  let old = new Map<string, T>();
  const put = (key: string, value: T): T => {
    if (young.size >= generation) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
    return value;
  };
  return {
    get(key) {
      const hit = young.get(key);
      if (hit !== undefined) return hit;
      const aged = old.get(key);
      return aged === undefined ? undefined : put(key, aged);
    },
    set: put,
  };
}

/** `fn` remembered for up to `size` distinct inputs (see `createMemo`); `fn` must not return undefined. */
export function memoize<T>(fn: (key: string) => T, size: number): (key: string) => T {
  const memo = createMemo<T>(size);
  return (key) => memo.get(key) ?? memo.set(key, fn(key));
}
