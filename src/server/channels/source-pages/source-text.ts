import type { Sentence } from '../../../core/corpus/types';
import { escapeHtml } from '../../html';
import type { TextRange } from './quote';

/**
 * Marks a quote's range in slices of one text: each slice that overlaps it gets a `<mark class="quote">`
 * around the overlap, and the first of them `id="quote"`, so a quote across sentences is marked in each
 * and `#quote` scrolls to its start.
 */
function createMarker(text: string, quote: TextRange | null) {
  let named = false;
  return (start: number, end: number): string => {
    if (!quote || quote.end <= start || quote.start >= end) return escapeHtml(text.slice(start, end));
    const from = Math.max(start, quote.start);
    const to = Math.min(end, quote.end);
    const id = named ? '' : ' id="quote"';
    named = true;
    return `${escapeHtml(text.slice(start, from))}<mark class="quote"${id}>${escapeHtml(text.slice(from, to))}</mark>${escapeHtml(text.slice(to, end))}`;
  };
}

/**
 * A text as its sentences, each a `<span id="s-n">` (1-based) so a link can point at one, in
 * paragraphs where the text has a blank line between them; the quote's range marked.
 */
export function sentencesHtml(text: string, sentences: readonly Sentence[], quote: TextRange | null): string {
  const mark = createMarker(text, quote);
  const paragraphs: string[][] = [[]];
  sentences.forEach((sentence, i) => {
    const previous = sentences[i - 1];
    if (previous && BLANK_LINE.test(text.slice(previous.offset + previous.text.length, sentence.offset))) paragraphs.push([]);
    paragraphs.at(-1)!.push(`<span class="sentence" id="s-${i + 1}">${mark(sentence.offset, sentence.offset + sentence.text.length)}</span>`);
  });
  return paragraphs.map((p) => `<p>${p.join(' ')}</p>`).join('\n');
}

const BLANK_LINE = /\n[ \t]*\r?\n/;

/** A text kept whole (a reference entry, the paper's record), the quote's range marked. */
export function entryHtml(text: string, quote: TextRange | null): string {
  return `<p class="entry">${createMarker(text, quote)(0, text.length)}</p>`;
}
