import type { AnswerEvent, AskResponse } from '../../../core/answer/types';

/** What the chat stream sends: pieces of content, then the whole response. */
export type ContentEvent = { type: 'content'; text: string } | { type: 'end'; response: AskResponse };

/** `pending`'s result, or 'tick' when it is not there by the next macrotask (on Node and Workers alike). */
function beforeNextTask<T>(pending: Promise<T>): Promise<T | 'tick'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = new Promise<'tick'>((resolve) => (timer = setTimeout(() => resolve('tick'), 0)));
  return Promise.race([pending, tick]).finally(() => clearTimeout(timer));
}

/**
 * The answerer's events as chat content. An answer's deltas go out as they come; a briefing's
 * content is its Markdown (what a chat client should render), sent in lines at the end. A briefing
 * shows itself only by its `section` events, which follow its first deltas, so deltas are held
 * while further events are already queued and sent once the answerer has to wait: a briefing is
 * replayed whole from a finished response (answerer.ts `replay`), all of it before the next
 * macrotask, while a model's answer waits on the network between deltas. Should a briefing's
 * deltas ever have gone out first, its plain text stays the content: annotations are read from
 * what was sent, so they hold either way.
 */
export async function* chatContent(events: AsyncIterable<AnswerEvent>): AsyncGenerator<ContentEvent> {
  const it = events[Symbol.asyncIterator]();
  let held: string[] = [];
  let sent = false;
  let briefing = false;
  try {
    let pending = it.next();
    for (;;) {
      let result = await beforeNextTask(pending);
      if (result === 'tick') {
        if (held.length && !briefing) {
          for (const text of held) yield { type: 'content', text };
          held = [];
          sent = true;
        }
        result = await pending;
      }
      if (result.done) throw new Error('the answer stream ended without its response');
      const event = result.value;
      if (event.type === 'delta') held.push(event.text);
      else if (event.type === 'section') briefing = true;
      else {
        const markdown = event.response.briefing?.markdown;
        const pieces = markdown !== undefined && !sent ? lines(markdown) : held;
        for (const text of pieces) yield { type: 'content', text };
        yield { type: 'end', response: event.response };
        return;
      }
      pending = it.next();
    }
  } finally {
    await it.return?.();
  }
}

/** Markdown in lines, each with its new line: pieces a client renders as they arrive. */
function lines(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const next = end === -1 ? text.length : end + 1;
    out.push(text.slice(at, next));
    at = next;
  }
  return out;
}
