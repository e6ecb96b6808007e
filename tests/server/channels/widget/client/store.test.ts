import { describe, expect, it } from 'vitest';
import { createStore } from '../../../../../src/server/channels/widget/client/store';

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

  it('forgets quietly when storage is blocked or full', () => {
    const store = createStore(() => {
      throw new DOMException('blocked', 'SecurityError');
    }, 'k');
    expect(() => store.save({ entries: [], open: true })).not.toThrow();
    expect(store.load()).toBeUndefined();
  });
});
