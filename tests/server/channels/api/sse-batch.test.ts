import type { SSEStreamingApi } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import { createSseBatch } from '../../../../src/server/channels/api/sse-batch';

/** A stream that records each write, and a deferral the test runs by hand (one "turn" per call). */
function setup() {
  const writes: string[] = [];
  const sse = { write: async (chunk: string) => void writes.push(chunk) } as unknown as SSEStreamingApi;
  const timers: (() => void)[] = [];
  const batch = createSseBatch(sse, (run) => timers.push(run));
  const nextTurn = async () => {
    for (const run of timers.splice(0)) run();
    await batch.flush();
  };
  return { writes, batch, nextTurn };
}

describe('createSseBatch()', () => {
  it('writes the events of one turn as one chunk, in order, in SSE framing', async () => {
    const { writes, batch, nextTurn } = setup();
    batch.send({ event: 'answer-start', data: '{"requestId":"r1"}' });
    batch.send({ event: 'answer-delta', data: '{"text":"One. "}' });
    batch.send({ event: 'answer-end', data: '{"answer":"One. "}' });
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['event: answer-start\ndata: {"requestId":"r1"}\n\nevent: answer-delta\ndata: {"text":"One. "}\n\nevent: answer-end\ndata: {"answer":"One. "}\n\n']);
  });

  it('sends events from later turns as they come, not held for the end', async () => {
    const { writes, batch, nextTurn } = setup();
    batch.send({ event: 'answer-start', data: '{}' });
    await nextTurn();
    batch.send({ event: 'answer-delta', data: '{"text":"a"}' });
    await nextTurn();
    expect(writes).toEqual(['event: answer-start\ndata: {}\n\n', 'event: answer-delta\ndata: {"text":"a"}\n\n']);
  });

  it('flush() writes what is queued at once, and the turn that follows writes nothing twice', async () => {
    const { writes, batch, nextTurn } = setup();
    batch.send({ event: 'error', data: '{"error":{"code":"internal_error"}}' });
    await batch.flush();
    expect(writes).toHaveLength(1);
    await nextTurn();
    expect(writes).toHaveLength(1);
  });
});
