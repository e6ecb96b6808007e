import { REQUEST_LIMITS } from '../../../../core/answer/limits';
import { h, icon, ICONS } from './dom';
import type { WidgetOptions } from './options';

export interface Shell {
  root: HTMLElement;
  launcher: HTMLButtonElement;
  panel: HTMLElement;
  log: HTMLElement;
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  newChat: HTMLButtonElement;
  close: HTMLButtonElement;
}

/** The static frame: launcher, and a panel with header, conversation log and composer. */
export function createShell(options: Pick<WidgetOptions, 'title' | 'position'>): Shell {
  const launcher = h('button', { type: 'button', class: 'launcher', 'aria-label': 'Open chat', 'aria-expanded': 'false', 'aria-controls': 'iskp-panel' }, icon(ICONS.chat, 26));
  const newChat = h('button', { type: 'button', class: 'head-btn' }, icon(ICONS.newChat, 16), 'New chat');
  const close = h('button', { type: 'button', class: 'icon-btn head-close', 'aria-label': 'Close chat' }, icon(ICONS.close, 20));
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
  const input = h('textarea', { 'aria-label': 'Ask a question', placeholder: 'Ask a question…', rows: 1, maxlength: REQUEST_LIMITS.questionChars, enterkeyhint: 'send' });
  const send = h('button', { type: 'submit', class: 'send', 'aria-label': 'Send' }, icon(ICONS.send, 20));
  const form = h('form', { class: 'composer' }, input, send);
  const panel = h(
    'section',
    { class: 'panel', id: 'iskp-panel', 'aria-label': options.title, hidden: true },
    h(
      'header',
      { class: 'head' },
      h('div', { class: 'head-text' }, h('h2', { class: 'head-title' }, options.title), h('p', { class: 'head-sub' }, 'Cited answers · Tassev (2024)')),
      newChat,
      close,
    ),
    log,
    form,
    h('p', { class: 'fine' }, 'Answers draw only on the paper and its references.'),
  );
  const root = h('div', { class: 'root', 'data-position': options.position }, launcher, panel);
  return { root, launcher, panel, log, form, input, send, newChat, close };
}
