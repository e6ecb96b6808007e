import type { Citation } from '../../../../core/answer/types';
import type { Api } from './api';
import { h, icon, ICONS } from './dom';
import { authorList, KIND_LABEL } from './sources';

export interface SourceCardDeps {
  citation: Citation;
  api: Pick<Api, 'citation'>;
  copy: (text: string) => Promise<void>;
  close: () => void;
}

const FORMATS = [
  { format: 'apa', label: 'APA' },
  { format: 'bibtex', label: 'BibTeX' },
] as const;

/** The dialog a citation marker opens: who, where, the verbatim quote, and the citation to copy. */
export function sourceCard({ citation, api, copy, close }: SourceCardDeps): HTMLElement {
  const titleId = 'iskp-source-title';
  const labelId = 'iskp-copy-label';
  const status = h('p', { class: 'copy-status', role: 'status' });
  const fallback = h('textarea', { class: 'copy-fallback', readonly: true, rows: 4, 'aria-label': 'Citation text', hidden: true });

  // Fetched as the card opens, so a click can write to the clipboard while it still counts as a gesture.
  const texts = new Map(FORMATS.map(({ format }) => [format, api.citation(citation.sourceId, format)]));
  texts.forEach((p) => p.catch(() => undefined));

  const copyAs = async (format: 'apa' | 'bibtex', label: string) => {
    status.textContent = '';
    fallback.hidden = true;
    let text: string | undefined;
    try {
      text = await texts.get(format)!;
      await copy(text);
      status.textContent = `Copied the ${label} citation.`;
    } catch {
      if (text === undefined) {
        status.textContent = 'The citation could not be loaded. Please try again.';
        texts.set(format, api.citation(citation.sourceId, format));
        return;
      }
      // Clipboard blocked (insecure page, denied permission): hand the reader the text instead.
      status.textContent = 'Copying is blocked on this page. The citation is selected below: copy it with your keyboard.';
      fallback.value = text;
      fallback.hidden = false;
      fallback.select();
    }
  };

  const meta: [string, string | number | null][] = [
    ['Authors', authorList(citation.authors) || null],
    ['Year', citation.year],
    ['Published in', citation.container],
    ['Publisher', citation.publisher],
  ];

  const card = h(
    'div',
    { class: 'card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, tabindex: -1 },
    h(
      'div',
      { class: 'card-top' },
      h('p', { class: 'eyebrow' }, `${KIND_LABEL[citation.kind] ?? 'Source'} · Source ${citation.n}`),
      h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close source', onclick: close }, icon(ICONS.close, 18)),
    ),
    h('h2', { class: 'card-title', id: titleId }, citation.title),
    h('dl', { class: 'card-meta' }, ...meta.filter(([, v]) => v !== null && v !== '').flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])),
    h('figure', { class: 'quote' }, h('blockquote', {}, citation.quote), h('figcaption', {}, `The passage behind marker ${citation.n}, quoted verbatim`)),
    // Only a link the server made absolute on its own origin: a saved conversation could hold anything.
    ...(/^https?:\/\//.test(citation.url ?? '') ? [h('a', { class: 'source-page', href: citation.url, target: '_blank', rel: 'noopener' }, 'Open source page', h('span', { class: 'sr-only' }, ' (opens in a new tab)'))] : []),
    // Each button is named by its visible text alone (WCAG 2.5.3): a reader who says "Copy APA" gets it.
    h(
      'div',
      { class: 'copy-row', role: 'group', 'aria-labelledby': labelId },
      h('span', { class: 'copy-label', id: labelId }, 'Citation'),
      ...FORMATS.map(({ format, label }) =>
        h('button', { type: 'button', class: 'copy-btn', onclick: () => void copyAs(format, label) }, icon(ICONS.copy, 15), `Copy ${label}`),
      ),
    ),
    status,
    fallback,
  );
  card.addEventListener('keydown', (event) => trapTab(card, event));
  return h('div', { class: 'sheet', onclick: (e: Event) => e.target === e.currentTarget && close() }, card);
}

/** Keeps Tab inside the open card: it covers the conversation, so focus behind it would be lost. */
function trapTab(card: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const focusable = Array.from(card.querySelectorAll<HTMLElement>('button, a[href], textarea:not([hidden])'));
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = (card.getRootNode() as ShadowRoot).activeElement;
  if (!first || !last) return;
  if (event.shiftKey && (active === first || active === card)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
