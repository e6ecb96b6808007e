import type { AskResponse, Citation } from '../../../../core/answer/types';
import { answerText } from './answer-text';
import { h, icon, ICONS } from './dom';
import { groupBySource, shortName } from './sources';

/** Views of the log's entries: each a plain function from data to an element. */

export interface AnswerActions {
  openSource(citation: Citation, opener: HTMLElement): void;
  ask(question: string): void;
}

export const questionView = (text: string) => h('div', { class: 'msg user' }, h('p', {}, text));

export function greetingView(greeting: string, suggestions: readonly string[], ask: (q: string) => void): HTMLElement {
  return h('div', { class: 'msg bot greeting' }, h('p', {}, greeting), chips('Try asking', suggestions, ask));
}

/** The answer while it streams: text so far, markers shown but not yet clickable. */
export function pendingView() {
  const body = h('div', { class: 'answer' }, h('span', { class: 'typing' }, h('span', { class: 'sr-only' }, 'Answering…'), h('i'), h('i'), h('i')));
  const el = h('div', { class: 'msg bot', 'data-state': 'streaming' }, body);
  return {
    el,
    setText(text: string) {
      body.textContent = '';
      body.appendChild(answerText(text, (n) => h('span', { class: 'cite pending', 'aria-hidden': 'true' }, String(n))));
    },
  };
}

export function answerView(response: AskResponse, actions: AnswerActions): HTMLElement {
  const byNumber = new Map(response.citations.map((c) => [c.n, c]));
  const marker = (n: number) => {
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
  const abstained = !response.answerable;
  return h(
    'div',
    { class: abstained ? 'msg bot abstain' : 'msg bot', 'data-state': 'done' },
    abstained && h('p', { class: 'abstain-label' }, icon(ICONS.info, 16), 'Not covered by the sources'),
    h('div', { class: 'answer' }, answerText(response.answer, marker)),
    response.notice && h('p', { class: 'notice', role: 'note' }, icon(ICONS.alert, 15), response.notice),
    response.citations.length > 0 && sourceList(response.citations, actions),
    response.followUps.length > 0 && chips(abstained ? 'Questions the sources can answer' : 'Follow-up questions', response.followUps, actions.ask),
  );
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
