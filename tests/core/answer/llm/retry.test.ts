import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../../src/core/answer/llm/chat';
import { createDeadline } from '../../../../src/core/answer/llm/deadline';
import { withRetries } from '../../../../src/core/answer/llm/retry';

/** An attempt that fails with the given errors in turn, then succeeds. */
function flaky(...errors: Error[]) {
  let calls = 0;
  const attempt = async () => {
    const err = errors[calls++];
    if (err) throw err;
    return 'ok';
  };
  return { attempt, calls: () => calls };
}
const noSleep = { sleep: async () => {}, random: () => 0 };
const rateLimited = (retryAfterMs?: number) => new ModelError('rate_limited', '429', { status: 429, retryAfterMs });
const serverError = () => new ModelError('server_error', '503', { status: 503 });

describe('withRetries', () => {
  it('retries 429s, 5xx and dropped connections with doubling delays, then succeeds', async () => {
    const delays: number[] = [];
    const { attempt, calls } = flaky(rateLimited(), serverError());
    const deadline = createDeadline(10_000);
    await expect(withRetries(attempt, { deadline, policy: { attempts: 3, baseDelayMs: 100 }, ...noSleep, onRetry: (_e, _a, d) => delays.push(d) })).resolves.toBe('ok');
    expect(calls()).toBe(3);
    expect(delays).toEqual([100, 200]);
    deadline.dispose();
  });

  it('gives up after the last attempt', async () => {
    const { attempt, calls } = flaky(serverError(), serverError(), serverError(), serverError());
    const deadline = createDeadline(10_000);
    await expect(withRetries(attempt, { deadline, policy: { attempts: 3, baseDelayMs: 1 }, ...noSleep })).rejects.toMatchObject({ fault: 'server_error' });
    expect(calls()).toBe(3);
    deadline.dispose();
  });

  it('does not retry what cannot succeed (a bad key, an unknown model)', async () => {
    const { attempt, calls } = flaky(new ModelError('rejected', '401', { status: 401 }));
    const deadline = createDeadline(10_000);
    await expect(withRetries(attempt, { deadline, ...noSleep })).rejects.toMatchObject({ fault: 'rejected' });
    expect(calls()).toBe(1);
    deadline.dispose();
  });

  it("honours Retry-After only while it fits the time budget", async () => {
    const delays: number[] = [];
    const deadline = createDeadline(1_000);
    const fits = flaky(rateLimited(300));
    await withRetries(fits.attempt, { deadline, ...noSleep, onRetry: (_e, _a, d) => delays.push(d) });
    expect(delays).toEqual([300]);
    const tooLong = flaky(rateLimited(60_000));
    await expect(withRetries(tooLong.attempt, { deadline, ...noSleep })).rejects.toMatchObject({ fault: 'rate_limited' });
    expect(tooLong.calls()).toBe(1);
    deadline.dispose();
  });

  it('does not start a backoff the time budget cannot cover', async () => {
    const deadline = createDeadline(60);
    const { attempt, calls } = flaky(serverError(), serverError(), serverError());
    const started = Date.now();
    // 40 ms fits the budget, the next 80 ms does not: the second failure is final.
    await expect(withRetries(attempt, { deadline, policy: { attempts: 3, baseDelayMs: 40 }, random: () => 0 })).rejects.toMatchObject({ fault: 'server_error' });
    expect(calls()).toBe(2);
    expect(Date.now() - started).toBeLessThan(60);
    deadline.dispose();
  });

  it('stops waiting at once when the caller goes away during a backoff', async () => {
    const caller = new AbortController();
    const deadline = createDeadline(10_000, { signal: caller.signal });
    const { attempt, calls } = flaky(serverError());
    setTimeout(() => caller.abort(new DOMException('client gone', 'AbortError')), 20);
    await expect(withRetries(attempt, { deadline, policy: { attempts: 3, baseDelayMs: 5_000 } })).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls()).toBe(1);
    deadline.dispose();
  });
});

describe('createDeadline', () => {
  it('fires with a TimeoutError when the budget is spent', async () => {
    const deadline = createDeadline(20);
    await new Promise((r) => setTimeout(r, 40));
    expect(deadline.signal.reason).toMatchObject({ name: 'TimeoutError' });
    expect(deadline.remaining()).toBe(0);
  });

  it("passes on the caller's abort, to its slices too", () => {
    const caller = new AbortController();
    const deadline = createDeadline(10_000, { signal: caller.signal });
    const slice = deadline.slice(1_000);
    expect(slice.remaining()).toBeLessThanOrEqual(1_000);
    caller.abort(new DOMException('gone', 'AbortError'));
    expect(deadline.signal.reason).toMatchObject({ name: 'AbortError' });
    expect(slice.signal.aborted).toBe(true);
    deadline.dispose();
  });
});
