import { describe, expect, it } from 'vitest';
import { createSseParser, readSse } from '../../../../../src/server/channels/widget/client/sse';

const STREAM = 'event: answer-start\ndata: {"requestId":"r1"}\n\nevent: answer-delta\ndata: {"text":"Hi [1]. "}\n\nevent: answer-end\ndata: {"answer":"Hi [1]. "}\n\n';

describe('SSE parsing', () => {
  it('reads named events with their data', () => {
    expect(createSseParser().push(STREAM)).toEqual([
      { event: 'answer-start', data: '{"requestId":"r1"}' },
      { event: 'answer-delta', data: '{"text":"Hi [1]. "}' },
      { event: 'answer-end', data: '{"answer":"Hi [1]. "}' },
    ]);
  });

  it('gives the same events however the stream is cut into chunks, CRLF included', () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    for (const text of [STREAM, crlf]) {
      for (let size = 1; size <= 7; size++) {
        const parser = createSseParser();
        const events = [];
        for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
        expect(events.map((e) => e.event)).toEqual(['answer-start', 'answer-delta', 'answer-end']);
        expect(events[1]!.data).toBe('{"text":"Hi [1]. "}');
      }
    }
  });

  it('joins multi-line data, skips comments, defaults the name to "message", and holds back an unfinished event', () => {
    const parser = createSseParser();
    expect(parser.push('\uFEFF: keep-alive\ndata: one\ndata:two\n\nevent: x\ndata: half')).toEqual([{ event: 'message', data: 'one\ntwo' }]);
    expect(parser.push('\n\n')).toEqual([{ event: 'x', data: 'half' }]);
  });

  it('reads events from a byte stream as they arrive, multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: “quoted”\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const b of bytes) controller.enqueue(new Uint8Array([b]));
        controller.close();
      },
    });
    const events = [];
    for await (const event of readSse(body)) events.push(event);
    expect(events).toEqual([{ event: 'message', data: '“quoted”' }]);
  });
});
