import type { AskResponse, Citation } from '../../../../core/answer/types';
import type { BriefSection } from '../../../../core/brief/types';
import { answerText } from './answer-text';
import { briefingView, type WorkName } from './briefing';
import { briefingActions } from './briefing-actions';
import { h, icon, ICONS } from './dom';
import { groupBySource, shortName } from './sources';

/** Views of the log's entries: each a plain function from data to an element. */

export interface AnswerActions {
  openSource(citation: Citation, opener: HTMLElement): void;
  ask(question: string): void;
  /** Writes to the clipboard; rejects when the page may not. */
  copy(text: string): Promise<void>;
  /** The address of the printable briefing on a topic (null: the whole corpus). */
  printableBriefing(topic: string | null): string;
  /** A work's record, for naming what a briefing suggests reading but does not cite. */
  source(sourceId: string): Promise<WorkName>;
}

export const questionView = (text: string) => h('div', { class: 'msg user' }, h('p', {}, text));

export function greetingView(greeting: string, suggestions: readonly string[], ask: (q: string) => void): HTMLElement {
  return h('div', { class: 'msg bot greeting' }, h('p', {}, greeting), chips('Try asking', suggestions, ask));
}

/**
 * The answer while it streams: text so far, markers shown but not yet clickable. A briefing's
 * lines that name a finished section's heading show as that heading.
 */
export function pendingView() {
  const body = h('div', { class: 'answer' }, h('span', { class: 'typing' }, h('span', { class: 'sr-only' }, 'Answering…'), h('i'), h('i'), h('i')));
  const el = h('div', { class: 'msg bot', 'data-state': 'streaming' }, body);
  const headings = new Set<string>();
  let shown = '';
  const render = () => {
    body.textContent = '';
    body.appendChild(answerText(shown, (n) => h('span', { class: 'cite pending', 'aria-hidden': 'true' }, String(n)), headings));
  };
  return {
    el,
    setText(text: string) {
      shown = text;
      render();
    },
    addSection(section: BriefSection) {
      headings.add(section.heading);
      el.classList.add('briefing');
      if (shown) render();
    },
  };
}

export function answerView(response: AskResponse, actions: AnswerActions): HTMLElement {
  // A declined briefing has nothing to lay out: its answer says why, as any abstention does.
  const briefing = response.briefing?.answerable ? response.briefing : undefined;
  const citations = briefing?.citations ?? response.citations;
  const marker = citationMarker(citations, actions);
  const notice = response.notice ?? briefing?.notice;
  const abstained = !response.answerable;
  return h(
    'div',
    { class: `msg bot${abstained ? ' abstain' : ''}${briefing ? ' briefing' : ''}`, 'data-state': 'done' },
    abstained && h('p', { class: 'abstain-label' }, icon(ICONS.info, 16), 'Not covered by the sources'),
    h('div', { class: 'answer' }, briefing ? briefingView(briefing, { marker, source: actions.source }) : answerText(response.answer, marker)),
    notice && h('p', { class: 'notice', role: 'note' }, icon(ICONS.alert, 15), notice),
    briefing && briefingActions({ markdown: briefing.markdown, printable: actions.printableBriefing(briefing.topic), copy: actions.copy }),
    citations.length > 0 && sourceList(citations, actions),
    response.followUps.length > 0 && chips(abstained ? 'Questions the sources can answer' : 'Follow-up questions', response.followUps, actions.ask),
  );
}

/** A `[n]` marker as the button that opens its source; plain `[n]` if no citation has that number. */
function citationMarker(citations: readonly Citation[], actions: Pick<AnswerActions, 'openSource'>): (n: number) => HTMLElement | string {
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  return (n) => {
    const citation = byNumber.get(n);
    if (!citation) return `[${n}]`;
    const button = h('button', {
      type: 'button',
      class: 'cite',
      'aria-label': `Source ${n}`,
      title: `${shortName(citation)}: ${citation.title}`,
      onclick: () => actions.openSource(citation, button),
    }, String(n));
    return button;
  };
}

function sourceList(citations: readonly Citation[], actions: AnswerActions): HTMLElement {
  const rows = groupBySource(citations).map(({ first, numbers }) => {
    const button = h(
      'button',
      { type: 'button', class: 'source-row', onclick: () => actions.openSource(first, button) },
      h('span', { class: 'source-nums', 'aria-hidden': 'true' }, numbers.join(', ')),
      h('span', { class: 'source-text' }, h('strong', {}, shortName(first)), ' ', first.title),
    );
    return h('li', {}, button);
  });
  return h('div', { class: 'sources' }, h('p', { class: 'section-label' }, icon(ICONS.book, 14), 'Sources'), h('ol', {}, ...rows));
}

function chips(label: string, questions: readonly string[], ask: (q: string) => void): HTMLElement {
  return h(
    'div',
    { class: 'chips-block' },
    h('p', { class: 'section-label' }, label),
    h('div', { class: 'chips' }, ...questions.map((q) => h('button', { type: 'button', class: 'chip', onclick: () => ask(q) }, q))),
  );
}

export function errorView(message: string, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'msg error', role: 'alert' },
    h('p', {}, icon(ICONS.alert, 16), message),
    h('button', { type: 'button', class: 'retry', onclick: retry }, 'Try again'),
  );
}
