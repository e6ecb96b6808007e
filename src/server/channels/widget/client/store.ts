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
  return (
    Boolean(r) &&
    typeof r!.answer === 'string' &&
    Array.isArray(r!.followUps) &&
    Array.isArray(r!.citations) &&
    r!.citations.every(isCitation) &&
    (r!.briefing === undefined || isBriefing(r!.briefing))
  );
}

/** Everything the briefing view reads, in the types it reads them as. */
function isBriefing(value: unknown): boolean {
  const b = value as Record<string, unknown> | null;
  if (!b || typeof b !== 'object') return false;
  const isText = (t: unknown) => typeof (t as { text?: unknown } | null)?.text === 'string';
  const isSection = (s: unknown) => {
    const section = s as { heading?: unknown; points?: unknown } | null;
    return typeof section?.heading === 'string' && Array.isArray(section.points) && section.points.every(isText);
  };
  const isReadNext = (r: unknown) => typeof (r as { sourceId?: unknown } | null)?.sourceId === 'string' && typeof (r as { why?: unknown }).why === 'string';
  return (
    typeof b.title === 'string' &&
    (b.topic === null || typeof b.topic === 'string') &&
    typeof b.answerable === 'boolean' &&
    isText(b.bottomLine) &&
    Array.isArray(b.sections) &&
    b.sections.every(isSection) &&
    Array.isArray(b.readNext) &&
    b.readNext.every(isReadNext) &&
    Array.isArray(b.citations) &&
    b.citations.every(isCitation) &&
    (b.markdown === undefined || typeof b.markdown === 'string') &&
    (b.notice === undefined || typeof b.notice === 'string')
  );
}

function isCitation(value: unknown): boolean {
  const c = value as Record<string, unknown> | null;
  return Boolean(c) && typeof c!.n === 'number' && typeof c!.sourceId === 'string' && typeof c!.title === 'string' && typeof c!.quote === 'string' && Array.isArray(c!.authors);
}
