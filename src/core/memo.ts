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
  // Two generations rather than `createLru`: a hit is one Map lookup with nothing to relink, and
  // these memos are read dozens of times an answer. When the young one is full it becomes the old
  // one and the old one is dropped whole; a key found in the old one moves back to the young.
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

/**
 * Exactly the last `size` keys used, forgetting the least recently used first: for state kept per
 * client or per event (rate-limit buckets, Slack event ids), where which key goes is behaviour.
 */
export interface Lru<T> {
  /** The value for `key`, which becomes the most recently used. */
  get(key: string): T | undefined;
  /** The value for `key`, leaving the order of use as it is. */
  peek(key: string): T | undefined;
  /** Stores `value` as the most recently used, forgetting the least recently used key when full; returns `value`. */
  set(key: string, value: T): T;
  readonly size: number;
}

interface Entry<T> {
  key: string;
  value: T;
  /** Towards the most recently used. */
  newer: Entry<T>;
  /** Towards the least recently used. */
  older: Entry<T>;
}

export function createLru<T>(size: number): Lru<T> {
  const capacity = Math.max(1, size);
  const entries = new Map<string, Entry<T>>();
  // The order of use is a list of its own, not the Map's insertion order: V8 finds a Map's first
  // key by walking past every entry deleted since its table last grew. `ends` closes the ring: its
  // `older` is the most recently used entry, its `newer` the least.
  const ends: Entry<T> = { key: '', value: undefined as T, newer: null!, older: null! };
  ends.newer = ends.older = ends;

  const unlink = (entry: Entry<T>) => {
    entry.newer.older = entry.older;
    entry.older.newer = entry.newer;
  };
  const makeNewest = (entry: Entry<T>) => {
    entry.newer = ends;
    entry.older = ends.older;
    ends.older.newer = entry;
    ends.older = entry;
  };

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry !== ends.older) {
        unlink(entry);
        makeNewest(entry);
      }
      return entry.value;
    },
    peek: (key) => entries.get(key)?.value,
    set(key, value) {
      let entry = entries.get(key);
      if (entry !== undefined) {
        entry.value = value;
        unlink(entry);
      } else if (entries.size >= capacity) {
        // The forgotten entry is reused for the new key: a full cache allocates nothing more.
        entry = ends.newer;
        unlink(entry);
        entries.delete(entry.key);
        entry.key = key;
        entry.value = value;
        entries.set(key, entry);
      } else {
        entry = { key, value, newer: ends, older: ends };
        entries.set(key, entry);
      }
      makeNewest(entry);
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
