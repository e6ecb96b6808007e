import { trailingRunStart } from '../../../../core/text/scan';
import { append, h, type Child } from './dom';

/**
 * Answer text as paragraphs and bullet lists, with each `[n]` marker handed to `marker` (a
 * citation button once the citations are known, a placeholder while the answer streams). A line
 * that is one of `headings` (a streaming briefing's finished sections) becomes a heading.
 */
export function answerText(text: string, marker: (n: number) => Child, headings: ReadonlySet<string> = new Set()): DocumentFragment {
  const out = document.createDocumentFragment();
  let list: HTMLUListElement | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) {
      list = undefined;
      continue;
    }
    const heading = headings.size ? headingOf(line) : '';
    if (headings.has(heading)) {
      list = undefined;
      out.appendChild(h('h4', { class: 'brief-heading' }, heading));
      continue;
    }
    const bullet = /^[-•*]\s+/.exec(line);
    if (bullet) {
      if (!list) out.appendChild((list = h('ul')));
      list.appendChild(withMarkers(h('li'), line.slice(bullet[0].length), marker));
    } else {
      list = undefined;
      out.appendChild(withMarkers(h('p'), line, marker));
    }
  }
  return out;
}

/** A line as a heading would read without Markdown's dress: `## Background`, `**Background:**` → `Background`. */
const headingOf = (line: string) => line.replace(/^#{1,6}\s+/, '').replace(/^\*\*(.*)\*\*$/, '$1').replace(/:$/, '').trim();

const CLOSING_PUNCTUATION = /^[.,;:!?…)\]”’]*/;

/**
 * `el` with one line of text and its markers appended. A marker never starts a line on its own:
 * the word before it, the markers and the punctuation after them ("Pakistan [1][2].") are kept
 * together in one unbreakable span.
 */
export function withMarkers<E extends HTMLElement>(el: E, line: string, marker: (n: number) => Child): E {
  // split() with a capture group alternates text, number, text, number, ..., text.
  const parts = line.split(/\[(\d{1,3})\]/);
  let glue: HTMLElement | undefined;
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      append(glue!, [marker(Number(part))]);
      return;
    }
    let text = part;
    const markerFollows = i + 1 < parts.length;
    if (glue) {
      const punctuation = CLOSING_PUNCTUATION.exec(text)![0];
      append(glue, [punctuation || null]);
      text = text.slice(punctuation.length);
      if (!text && markerFollows) return; // "[1][2]": the next marker joins the same span
      glue = undefined;
    }
    if (!markerFollows) {
      append(el, [text || null]);
      return;
    }
    const spaceStart = trailingRunStart(text, /\s/);
    const wordStart = trailingRunStart(text, /\S/, spaceStart);
    append(el, [text.slice(0, wordStart) || null]);
    glue = h('span', { class: 'nowrap' }, `${text.slice(wordStart, spaceStart)}${spaceStart < text.length ? '\u00a0' : ''}` || null);
    el.appendChild(glue);
  });
  return el;
}
