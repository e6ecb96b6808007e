import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AskResponse } from '../../../../../src/core/answer/types';
import type { Briefing } from '../../../../../src/core/brief/types';
import { createStore } from '../../../../../src/server/channels/widget/client/store';

const BRIEFING = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../fixtures/briefing.json'), 'utf8')) as Briefing;

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() { return map.size; },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('conversation storage', () => {
  it('saves, loads and clears the conversation and whether the panel was open', () => {
    const storage = memoryStorage();
    const store = createStore(() => storage, 'k');
    expect(store.load()).toBeUndefined();
    store.save({ entries: [{ kind: 'question', text: 'Q' }], open: true });
    expect(store.load()).toEqual({ entries: [{ kind: 'question', text: 'Q' }], open: true });
    store.clear();
    expect(store.load()).toBeUndefined();
  });

  it('drops entries it could not have written (the host page shares the storage)', () => {
    const storage = memoryStorage();
    storage.setItem('k', JSON.stringify({ v: 1, open: false, entries: [{ kind: 'question', text: 'ok' }, { kind: 'question', text: 42 }, { kind: 'answer', response: { answer: 'x', citations: [{ n: 1 }], followUps: [] } }, { kind: 'script' }] }));
    expect(createStore(() => storage, 'k').load()).toEqual({ entries: [{ kind: 'question', text: 'ok' }], open: false });
    storage.setItem('k', '{not json');
    expect(createStore(() => storage, 'k').load()).toBeUndefined();
  });

  it('keeps an answer’s briefing, and drops an answer whose briefing it could not have written', () => {
    const storage = memoryStorage();
    const store = createStore(() => storage, 'k');
    const answer = (briefing: unknown) => ({ kind: 'answer', response: { answer: 'x', answerable: true, citations: [], mode: 'extractive', followUps: [], query: '', briefing } as AskResponse });
    const good = answer({ ...BRIEFING, markdown: '# B' });
    const tampered = [
      answer({ ...BRIEFING, sections: [{ heading: 'H', points: [{ text: 42 }] }] }),
      answer({ ...BRIEFING, readNext: 'x' }),
      answer({ ...BRIEFING, topic: 7 }),
      answer({ ...BRIEFING, citations: [{ n: 1 }] }),
      answer('<b>briefing</b>'),
    ];
    storage.setItem('k', JSON.stringify({ v: 1, open: true, entries: [good, ...tampered] }));
    expect(store.load()).toEqual({ entries: [good], open: true });
  });

  it('forgets quietly when storage is blocked or full', () => {
    const store = createStore(() => {
      throw new DOMException('blocked', 'SecurityError');
    }, 'k');
    expect(() => store.save({ entries: [], open: true })).not.toThrow();
    expect(store.load()).toBeUndefined();
  });
});
