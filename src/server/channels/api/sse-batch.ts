import type { SSEStreamingApi } from 'hono/streaming';

export interface SseEvent {
  event: string;
  /** One line: JSON.stringify output never holds a line break. */
  data: string;
}

export interface SseBatch {
  /** Queues an event; it is written with every other event queued in the same turn of the event loop. */
  send(event: SseEvent): void;
  /** Resolves once everything queued so far has been written. */
  flush(): Promise<void>;
}

/**
 * Events queued in the same turn of the event loop go out as one write, a timer tick later: each
 * write is a system call, and an extractive answer's events all exist at once. A model's tokens
 * arrive over time, so they still go out as they come.
 */
export function createSseBatch(sse: SSEStreamingApi, defer: (run: () => void) => void = (run) => setTimeout(run, 0)): SseBatch {
  let pending = '';
  let written: Promise<void> = Promise.resolve();
  let scheduled = false;

  const write = () => {
    if (!scheduled) return; // flush() already wrote what this timer was for
    scheduled = false;
    const chunk = pending;
    pending = '';
    // Chained, so chunks reach the stream in order; StreamingApi.write never rejects.
    written = written.then(() => sse.write(chunk).then(() => {}));
  };

  return {
    send({ event, data }) {
      pending += `event: ${event}\ndata: ${data}\n\n`;
      if (!scheduled) {
        scheduled = true;
        defer(write);
      }
    },
    flush() {
      write();
      return written;
    },
  };
}
