/**
 * One time budget for everything a request asks of the model (rewriting the follow-up, retries,
 * the streamed answer), cancelled early when the caller's own signal fires. Web-standard timers
 * only, so it runs on Workers too.
 */
export interface Deadline {
  /** Fires with a `TimeoutError` when the budget is spent, or with the caller's reason when it aborts. */
  signal: AbortSignal;
  remaining(): number;
  /** A shorter budget inside this one, e.g. for a step that must leave time for the next. */
  slice(ms: number): Deadline;
  dispose(): void;
}

export function createDeadline(ms: number, { signal: parent, now = Date.now }: { signal?: AbortSignal; now?: () => number } = {}): Deadline {
  const controller = new AbortController();
  const end = now() + ms;
  const timer = setTimeout(() => controller.abort(new DOMException(`model time budget of ${ms} ms spent`, 'TimeoutError')), ms);
  const onAbort = () => controller.abort(parent!.reason);
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  const children: Deadline[] = [];
  return {
    signal: controller.signal,
    remaining: () => Math.max(0, end - now()),
    slice(sliceMs) {
      const child = createDeadline(Math.min(sliceMs, Math.max(0, end - now())), { signal: controller.signal, now });
      children.push(child);
      return child;
    },
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
      for (const c of children) c.dispose();
    },
  };
}

export const isTimeout = (reason: unknown) => (reason as { name?: string } | undefined)?.name === 'TimeoutError';

/** Waits, unless the signal fires first (then rejects with its reason). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it fires, whichever is first. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
