import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsl } from '../../../src/core/corpus/parse-csl';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/corpus/${name}`, import.meta.url), 'utf8');

describe('parseCsl()', () => {
  const sources = parseCsl(fixture('zotero-export.json'), 'zotero-export.json');

  it('turns every item into a reference with readable ids, suffixed on collision', () => {
    expect(sources.map((s) => s.id)).toEqual(['jadoon-2023', 'jadoon-2018', 'international-centre-for-counter-terrorism-2024', 'jadoon-2023-b']);
    expect(sources.every((s) => s.kind === 'reference' && s.file === 'zotero-export.json')).toBe(true);
  });

  it('reads a journal article with initials, date parts, numbers as strings and the abstract', () => {
    expect(sources[0]).toMatchObject({
      title: 'The Enduring Duel: Islamic State Khorasan’s Survival under Afghanistan’s New Rulers',
      authors: ['Jadoon, A.', 'Mines, A.', 'Sayed, A.'],
      year: 2023,
      month: 'August',
      container: 'CTC Sentinel',
      volume: '16',
      issue: '8',
      pages: '8-15',
      publisher: null,
      url: 'https://ctc.westpoint.edu/the-enduring-duel/',
      accessed: '26 July 2024',
    });
  });

  it('renders text as an APA entry, then the abstract after a blank line', () => {
    expect(sources[0]!.text).toBe(
      'Jadoon, A., Mines, A., & Sayed, A. (2023). The Enduring Duel: Islamic State Khorasan’s Survival under Afghanistan’s New Rulers. CTC Sentinel, 16(8), 8–15. https://ctc.westpoint.edu/the-enduring-duel/\n\nISK has survived the Taliban\'s counter-terrorism campaign.',
    );
  });

  it('reads editors, literal authors and raw dates', () => {
    expect(sources[1]).toMatchObject({ editors: ['Jadoon, A.'], container: 'Allied & Lethal', pages: '10–30', publisher: 'Combating Terrorism Center at West Point' });
    expect(sources[1]!.text).toBe('Jadoon, A. (2018). ISK in Afghanistan and Pakistan. In A. Jadoon (Ed.), Allied & Lethal (pp. 10–30). Combating Terrorism Center at West Point.');
    expect(sources[2]).toMatchObject({ authors: ['International Centre for Counter-Terrorism'], year: 2024, month: null });
  });

  it('throws a descriptive error naming the bad item and field', () => {
    expect(() => parseCsl(fixture('bad-csl.json'), 'bad-csl.json')).toThrow(/^bad-csl\.json: invalid CSL-JSON: item 1 field "(title|author\.0[^"]*)"/);
  });

  it('throws on invalid JSON and on a non-array document', () => {
    expect(() => parseCsl('[{', 'x.json')).toThrow(/^x\.json: not valid JSON/);
    expect(() => parseCsl('{"items": []}', 'x.json')).toThrow('x.json: expected a CSL-JSON array of items');
  });

  it('accepts an empty export', () => {
    expect(parseCsl('[]', 'empty.json')).toEqual([]);
  });
});
