import { REQUEST_LIMITS } from '../../../../core/answer/limits';
import type { Citation } from '../../../../core/answer/types';
import { WidgetError, type Api } from './api';
import { printableBriefingUrl } from './briefing-actions';
import { historyFrom, keepFirst, type Entry } from './conversation';
import { answerView, errorView, greetingView, pendingView, questionView, type AnswerActions } from './messages';
import type { WidgetOptions } from './options';
import { createShell } from './shell';
import { sourceCard } from './source-card';
import type { createStore } from './store';

export interface WidgetDeps {
  shadow: ShadowRoot;
  options: WidgetOptions;
  api: Api;
  store: ReturnType<typeof createStore>;
  copy: (text: string) => Promise<void>;
}

/** What `window.IskpBriefing` exposes. */
export interface WidgetControls {
  open(): void;
  close(): void;
  /** Opens the panel and asks; false when empty or while another answer is on its way. */
  ask(question: string): boolean;
}

/** The widget's behaviour: conversation state, the log, the composer, the source card, focus. */
export function createWidget({ shadow, options, api, store, copy }: WidgetDeps): WidgetControls {
  const ui = createShell(options);
  shadow.appendChild(ui.root);

  let entries: Entry[] = [];
  const views = new Map<Entry, HTMLElement>();
  let inFlight: AbortController | undefined;
  let card: { el: HTMLElement; opener: HTMLElement } | undefined;
  let returnFocus: HTMLElement | undefined;

  const isOpen = () => !ui.panel.hidden;
  const persist = () => store.save({ entries, open: isOpen() });
  const actions: AnswerActions = {
    openSource,
    ask: (q) => void ask(q),
    copy,
    printableBriefing: (topic) => printableBriefingUrl(options.endpoint, topic),
    source: (id) => api.source(id),
  };

  // ---- the log ----

  function viewOf(entry: Entry): HTMLElement {
    if (entry.kind === 'question') return questionView(entry.text);
    if (entry.kind === 'answer') return answerView(entry.response, actions);
    return errorView(entry.message, () => retry(entry));
  }

  function add(entry: Entry, replacing?: HTMLElement): HTMLElement {
    entries.push(entry);
    const el = viewOf(entry);
    views.set(entry, el);
    if (replacing) replacing.replaceWith(el);
    else ui.log.appendChild(el);
    persist();
    return el;
  }

  function remove(entry: Entry | undefined): void {
    if (!entry) return;
    views.get(entry)?.remove();
    views.delete(entry);
    entries = entries.filter((e) => e !== entry);
  }

  function renderAll(): void {
    ui.log.textContent = '';
    views.clear();
    ui.log.appendChild(greetingView(options.greeting, options.suggestions, actions.ask));
    for (const entry of entries) {
      const el = viewOf(entry);
      views.set(entry, el);
      ui.log.appendChild(el);
    }
  }

  const nearBottom = () => ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 80;
  const scrollToEnd = () => (ui.log.scrollTop = ui.log.scrollHeight);

  // ---- asking ----

  function ask(text: string): boolean {
    const question = keepFirst(text.trim(), REQUEST_LIMITS.questionChars);
    if (!question || inFlight) return false;
    open(!isOpen() || !shadow.activeElement);
    const history = historyFrom(entries);
    const questionEl = add({ kind: 'question', text: question });
    scrollToEnd();
    void answer(question, history, questionEl);
    return true;
  }

  async function answer(question: string, history: ReturnType<typeof historyFrom>, questionEl: HTMLElement): Promise<void> {
    const controller = (inFlight = new AbortController());
    setBusy(true);
    const pending = pendingView();
    ui.log.appendChild(pending.el);
    scrollToEnd();
    let text = '';
    try {
      const response = await api.ask(
        { question, ...(history.length ? { history } : {}) },
        {
          signal: controller.signal,
          onDelta: (delta) => {
            const follow = nearBottom();
            pending.setText((text += delta));
            if (follow) scrollToEnd();
          },
          onSection: (section) => pending.addSection(section),
          onRestart: () => (text = ''),
        },
      );
      if (controller.signal.aborted) return;
      add({ kind: 'answer', response }, pending.el);
      // Long answers: show them from the top, with the question above, rather than from the end.
      ui.log.scrollTop = questionEl.offsetTop - 12;
    } catch (err) {
      if (controller.signal.aborted) return;
      add({ kind: 'error', message: err instanceof WidgetError ? err.message : 'Something went wrong while answering. Please try again.', question }, pending.el);
      scrollToEnd();
    } finally {
      pending.el.remove();
      if (inFlight === controller) {
        inFlight = undefined;
        setBusy(false);
      }
    }
  }

  /** Asks the failed question again, as the latest turn. */
  function retry(error: Extract<Entry, { kind: 'error' }>): void {
    if (inFlight) return;
    const i = entries.indexOf(error);
    const before = entries[i - 1];
    remove(error);
    if (before?.kind === 'question' && before.text === error.question) remove(before);
    persist();
    ask(error.question);
  }

  function setBusy(busy: boolean): void {
    ui.log.setAttribute('aria-busy', String(busy));
    updateSend();
  }

  const updateSend = () => ui.send.setAttribute('aria-disabled', String(Boolean(inFlight) || !ui.input.value.trim()));

  function newChat(): void {
    inFlight?.abort();
    inFlight = undefined;
    setBusy(false);
    closeCard(false);
    entries = [];
    store.clear();
    renderAll();
    persist();
    ui.input.focus();
  }

  // ---- source card ----

  function openSource(citation: Citation, opener: HTMLElement): void {
    closeCard(false);
    const el = sourceCard({ citation, api, copy, close: () => closeCard(true) });
    ui.panel.appendChild(el);
    card = { el, opener };
    el.querySelector<HTMLElement>('[role="dialog"]')!.focus();
  }

  function closeCard(restoreFocus: boolean): void {
    if (!card) return;
    const { el, opener } = card;
    card = undefined;
    el.remove();
    if (restoreFocus) (opener.isConnected ? opener : ui.input).focus();
  }

  // ---- panel ----

  function open(focus = true): void {
    if (!isOpen()) {
      const active = shadow.activeElement ?? document.activeElement;
      returnFocus = active instanceof HTMLElement && active !== document.body ? active : undefined;
      ui.panel.hidden = false;
      ui.launcher.hidden = true;
      ui.launcher.setAttribute('aria-expanded', 'true');
      persist();
      scrollToEnd();
    }
    if (focus) ui.input.focus();
  }

  function close(): void {
    if (!isOpen()) return;
    const focusWasInside = Boolean(shadow.activeElement);
    closeCard(false);
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
    ui.launcher.setAttribute('aria-expanded', 'false');
    persist();
    // Only pull focus back if it was in the widget: a site's own close button keeps its focus.
    if (!focusWasInside) return;
    const back = returnFocus && returnFocus.isConnected && !ui.panel.contains(returnFocus) ? returnFocus : ui.launcher;
    back.focus();
  }

  // ---- wiring ----

  ui.launcher.addEventListener('click', () => open());
  ui.close.addEventListener('click', close);
  ui.newChat.addEventListener('click', newChat);
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (ask(ui.input.value)) {
      ui.input.value = '';
      autosize();
    }
  });
  ui.input.addEventListener('keydown', (event) => {
    // Enter sends; Shift+Enter is a newline; Enter that confirms an IME composition is neither.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    ui.form.requestSubmit ? ui.form.requestSubmit() : ui.form.dispatchEvent(new Event('submit', { cancelable: true }));
  });
  const autosize = () => {
    ui.input.style.height = 'auto';
    ui.input.style.height = `${Math.min(ui.input.scrollHeight, 140)}px`;
    updateSend();
  };
  ui.input.addEventListener('input', autosize);
  ui.root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || (!card && !isOpen())) return;
    // Consumed here, so a host page's own Esc handler (closing its modal) doesn't fire as well.
    event.stopPropagation();
    if (card) closeCard(true);
    else close();
  });

  // ---- restore ----

  const saved = store.load();
  entries = saved?.entries ?? [];
  const last = entries[entries.length - 1];
  if (last?.kind === 'question') entries.push({ kind: 'error', message: 'This answer was interrupted.', question: last.text });
  renderAll();
  updateSend();
  if (saved?.open || options.openOnLoad) open(false);

  return { open: () => open(), close, ask };
}
