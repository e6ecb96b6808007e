import { removeWithSpaceBefore } from '../../text/scan';

/**
 * Citation markers as models actually write them: `[1]`, `[1][2]`, `[1, 2]`, `[1-3]`, `[1; 4]`,
 * and now and then `[Passage 2]` or `[source 2]`. Anything else in brackets is left as text.
 */
const MARKER = /\[\s*(?:(?:passages?|sources?|refs?)\s*)?(\d{1,3}(?:\s*(?:[,;]|-|–|and)\s*\d{1,3})*)\s*\]/giu;

/** Wider than any real answer needs: a "[1-999]" range is garbage, not 999 citations. */
const MAX_RANGE = 10;

export interface Marked {
  /** The sentence with every marker (and the space before it) removed. */
  text: string;
  /** Passage numbers in order of first mention, duplicates removed. */
  numbers: number[];
}

export function parseMarkers(sentence: string): Marked {
  const numbers: number[] = [];
  const add = (n: number) => {
    if (!numbers.includes(n)) numbers.push(n);
  };
  for (const [, list] of sentence.matchAll(MARKER)) {
    // Number() ignores the spaces around each number.
    for (const part of list!.split(/[,;]|and/)) {
      const [from, to] = part.split(/[-–]/).map(Number) as [number, number | undefined];
      if (to === undefined) add(from);
      else if (to >= from && to - from < MAX_RANGE) for (let n = from; n <= to; n++) add(n);
    }
  }
  return { text: removeWithSpaceBefore(sentence, MARKER), numbers };
}
