import type { Entry } from './conversation';

export interface Saved {
  entries: Entry[];
  open: boolean;
}

const VERSION = 1;
/** Enough for a long session without nearing the storage quota. */
const MAX_ENTRIES = 60;

/**
 * The conversation in sessionStorage, so it survives a reload but not a new tab. Storage can be
 * missing, full or blocked (privacy modes throw on access): then the widget simply forgets.
 */
export function createStore(storage: () => Storage | undefined, key: string) {
  const safely = <T>(fn: (s: Storage) => T): T | undefined => {
    try {
      const s = storage();
      return s ? fn(s) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    load(): Saved | undefined {
      return safely((s) => {
        const raw = s.getItem(key);
        if (!raw) return undefined;
        const value = JSON.parse(raw) as { v?: unknown; entries?: unknown; open?: unknown };
        if (value.v !== VERSION || !Array.isArray(value.entries)) return undefined;
        return { entries: value.entries.filter(isEntry), open: value.open === true };
      });
    },
    save(saved: Saved): void {
      safely((s) => s.setItem(key, JSON.stringify({ v: VERSION, entries: saved.entries.slice(-MAX_ENTRIES), open: saved.open })));
    },
    clear(): void {
      safely((s) => s.removeItem(key));
    },
  };
}

/** Storage is shared with the host page: accept only entries the widget could have written. */
function isEntry(value: unknown): value is Entry {
  const e = value as Record<string, unknown> | null;
  if (!e || typeof e !== 'object') return false;
  if (e.kind === 'question') return typeof e.text === 'string';
  if (e.kind === 'error') return typeof e.message === 'string' && typeof e.question === 'string';
  if (e.kind !== 'answer') return false;
  const r = e.response as Record<string, unknown> | null;
  return Boolean(r) && typeof r!.answer === 'string' && Array.isArray(r!.followUps) && Array.isArray(r!.citations) && r!.citations.every(isCitation);
}

function isCitation(value: unknown): boolean {
  const c = value as Record<string, unknown> | null;
  return Boolean(c) && typeof c!.n === 'number' && typeof c!.sourceId === 'string' && typeof c!.title === 'string' && typeof c!.quote === 'string' && Array.isArray(c!.authors);
}
