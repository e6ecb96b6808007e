import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outletKind, type OutletFields } from '../../../src/core/brief/outlet-kind';
import { parseGlossary } from '../../../src/core/corpus/glossary';
import { parseSeed } from '../../../src/core/corpus/parse-seed';

const ROOT = join(import.meta.dirname, '../../..');
const glossary = parseGlossary(readFileSync(join(ROOT, 'corpus/glossary.json'), 'utf8'));
const work = (fields: Partial<OutletFields>): OutletFields => ({ container: null, publisher: null, authors: [], volume: null, issue: null, pages: null, ...fields });

describe('outletKind: the kind of outlet a work appeared in', () => {
  it('takes a CSL type that settles it: journal article, newspaper or magazine article, report', () => {
    expect(outletKind(work({ type: 'article-journal' }), glossary)).toBe('journal');
    expect(outletKind(work({ type: 'article-newspaper' }), glossary)).toBe('news');
    expect(outletKind(work({ type: 'article-magazine' }), glossary)).toBe('news');
    expect(outletKind(work({ type: 'report', publisher: 'Washington Post' }), glossary)).toBe('institute');
  });

  it('reads any other CSL type from the metadata: a news outlet’s web page is news, an unknown site’s is other', () => {
    expect(outletKind(work({ type: 'webpage', publisher: 'The Washington Post' }), glossary)).toBe('news');
    expect(outletKind(work({ type: 'webpage', publisher: 'A personal blog' }), glossary)).toBe('other');
    expect(outletKind(work({ type: 'book', publisher: 'Hudson Institute' }), glossary)).toBe('institute');
  });

  it('calls a work with a volume or an issue a journal article, whoever publishes it', () => {
    expect(outletKind(work({ container: 'CTC Sentinel', volume: '16', issue: '7', pages: '20-27' }), glossary)).toBe('journal');
    expect(outletKind(work({ container: 'Unknown Quarterly', issue: '3' }), glossary)).toBe('journal');
  });

  it('does not take pages alone for a journal: a chapter in an institute’s book is the institute’s', () => {
    expect(outletKind(work({ container: 'Allied & Lethal', publisher: 'Combating Terrorism Center at West Point', pages: '10–30' }), glossary)).toBe('institute');
    expect(outletKind(work({ container: 'Some Edited Book', pages: '1-9' }), glossary)).toBe('other');
  });

  it('finds an institute by any of its glossary names inside a longer publisher', () => {
    expect(outletKind(work({ publisher: 'Center for Strategic & International Studies (CSIS)' }), glossary)).toBe('institute');
    expect(outletKind(work({ publisher: 'Centre for the Response to Radicalization and Terrorism at the Henry Jackson Society' }), glossary)).toBe('institute');
    expect(outletKind(work({ publisher: 'council on foreign relations' }), glossary)).toBe('institute');
  });

  it('finds a news outlet by its glossary names, and tells the CTC Sentinel (an outlet) from the CTC (an institute)', () => {
    expect(outletKind(work({ publisher: 'NYT' }), glossary)).toBe('news');
    expect(outletKind(work({ container: 'CTC Sentinel' }), glossary)).toBe('news');
  });

  it('prefers institute to news when the fields name both', () => {
    expect(outletKind(work({ container: 'Washington Post', publisher: 'Wilson Center' }), glossary)).toBe('institute');
  });

  it('counts an author only when the whole name is a glossary name: the Wilson Center is an institute, a Ms Hudson is not', () => {
    expect(outletKind(work({ authors: ['Wilson Center'] }), glossary)).toBe('institute');
    expect(outletKind(work({ authors: ['Al Jazeera'] }), glossary)).toBe('news');
    expect(outletKind(work({ authors: ['Hudson, R.'] }), glossary)).toBe('other');
  });

  it('is other when nothing names an outlet, and with no glossary only journals are told apart', () => {
    expect(outletKind(work({ authors: ['Doe, J.'], publisher: 'Self-published' }), glossary)).toBe('other');
    expect(outletKind(work({ publisher: 'Washington Post' }), [])).toBe('other');
    expect(outletKind(work({ volume: '6' }), [])).toBe('journal');
  });

  it('sorts the seed paper and its 24 references as a reader would', () => {
    const sources = parseSeed(readFileSync(join(ROOT, 'corpus/000_62fae53512a10254.txt'), 'utf8'));
    const byKind: Record<string, string[]> = {};
    for (const s of sources) (byKind[outletKind(s, glossary)] ??= []).push(s.id);
    expect(byKind).toEqual({
      journal: ['tassev-2024', 'tassev-2024-abstract', 'hamming-2023', 'jadoon-2023'],
      news: ['al-jazeera-2018', 'alkhouri-2022', 'bne-intellinews-2023', 'cbs-2023', 'goldbaum-2023', 'johnson-2023', 'lederer-2023', 'loveluck-2019', 'loveluck-2022', 'south-china-morning-post-2021'],
      institute: ['ashraf-2017', 'doxsee-2021', 'eggink-2024', 'jadoon-2018', 'osman-2020', 'palmer-2023', 'robinson-2023', 'sayed-2023', 'sayed-2022', 'soufan-center-2023', 'webber-2023', 'wilson-center-2023'],
    });
  });
});
