import { isAbbreviation } from '../../corpus/sentences';
import { trailingRunStart } from '../../text/scan';

export interface Piece {
  /** One sentence or list line, markers included, trimmed. */
  text: string;
  /** What stood between it and the previous piece: '' first, then ' ', '\n' or '\n\n'. */
  separator: string;
}

/**
 * A sentence ends at . ! or ? (plus closing quotes and any citation markers that trail it) when
 * the next sentence has visibly begun, or at a line break. Waiting for the next sentence's first
 * character is what makes it safe on a token stream: "e.g." or "U.S." followed by a lower-case
 * word, or a marker still arriving ("… action. [1"), do not end anything.
 */
const END = /[.!?]+["”’']?(?:\s*\[[^\]\n]{0,40}\])*/g;

export function createSentenceStream() {
  let buffer = '';
  let started = false;

  let separatorBefore = '';

  function take(end: number, restStart: number): Piece {
    const text = buffer.slice(0, end).trim();
    const gap = buffer.slice(end, restStart);
    buffer = buffer.slice(restStart);
    const piece = { text, separator: separatorBefore };
    separatorBefore = gap.includes('\n\n') ? '\n\n' : gap.includes('\n') ? '\n' : ' ';
    return piece;
  }

  function next(final: boolean): Piece | undefined {
    if (!started) {
      const lead = buffer.length - buffer.trimStart().length;
      if (lead === buffer.length) return undefined;
      buffer = buffer.slice(lead);
      started = true;
    }
    const newline = buffer.indexOf('\n');
    END.lastIndex = 0;
    for (let m = END.exec(buffer); m; m = END.exec(buffer)) {
      const end = m.index + m[0].length;
      if (newline !== -1 && newline < end) break;
      const rest = /\S/.exec(buffer.slice(end));
      if (!rest) return undefined; // nothing after it yet: at the end, `drain` takes the rest whole
      if (rest.index === 0) continue; // "4.5", "U.S.A": no space, no end
      const nextChar = rest[0];
      if (nextChar === '[' && !final) return undefined; // a marker may still be arriving
      if (/\p{Ll}/u.test(nextChar)) continue;
      if (m[0].startsWith('.') && isAbbreviation(buffer.slice(trailingRunStart(buffer, /\S/, m.index), m.index))) continue;
      return take(end, end + rest.index);
    }
    if (newline !== -1) {
      const after = /\S/.exec(buffer.slice(newline));
      if (after) return take(newline, newline + after.index);
      if (final) return undefined;
    }
    return undefined;
  }

  function drain(final: boolean): Piece[] {
    const out: Piece[] = [];
    for (let p = next(final); p; p = next(final)) if (p.text) out.push(p);
    if (final && buffer.trim()) out.push(take(buffer.length, buffer.length));
    return out;
  }

  return {
    /** Adds streamed text; returns the sentences it completed. */
    push(text: string): Piece[] {
      buffer += text;
      return drain(false);
    },
    /** The stream is over: whatever is left is the last sentence. */
    end: (): Piece[] => drain(true),
  };
}
