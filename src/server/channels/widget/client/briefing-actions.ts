import { h, icon, ICONS } from './dom';

export interface BriefingActionsDeps {
  /** The briefing as Markdown; without it there is nothing to copy and no copy button. */
  markdown: string | undefined;
  /** Where the printable briefing lives (`printableBriefingUrl`). */
  printable: string;
  copy: (text: string) => Promise<void>;
}

/** The printable briefing on the API's origin: `/brief`, with the topic when there is one. */
export function printableBriefingUrl(endpoint: string, topic: string | null): string {
  return `${endpoint}/brief${topic ? `?${new URLSearchParams({ topic }).toString()}` : ''}`;
}

/** "Copy as Markdown" and "Open printable briefing" under a briefing, with the copy's outcome announced. */
export function briefingActions({ markdown, printable, copy }: BriefingActionsDeps): HTMLElement {
  const status = h('p', { class: 'copy-status', role: 'status', 'aria-live': 'polite' });
  const fallback = h('textarea', { class: 'copy-fallback', readonly: true, rows: 6, 'aria-label': 'The briefing as Markdown', hidden: true });

  const copyMarkdown = async (text: string) => {
    status.textContent = '';
    fallback.hidden = true;
    try {
      await copy(text);
      status.textContent = 'Copied the briefing as Markdown.';
    } catch {
      // No clipboard (insecure page, denied permission, old browser): hand the reader the text instead.
      status.textContent = 'Copying is blocked on this page. The Markdown is selected below: copy it with your keyboard.';
      fallback.value = text;
      fallback.hidden = false;
      fallback.select();
    }
  };

  return h(
    'div',
    { class: 'brief-actions' },
    h(
      'div',
      { class: 'copy-row' },
      markdown !== undefined && h('button', { type: 'button', class: 'copy-btn', onclick: () => void copyMarkdown(markdown) }, icon(ICONS.copy, 15), 'Copy as Markdown'),
      h(
        'a',
        { class: 'copy-btn', href: printable, target: '_blank', rel: 'noopener' },
        icon(ICONS.print, 15),
        'Open printable briefing',
        h('span', { class: 'sr-only' }, ' (opens in a new tab)'),
      ),
    ),
    status,
    fallback,
  );
}
