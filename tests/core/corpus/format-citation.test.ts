import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCitation } from '../../../src/core/corpus/format-citation';
import { parseCsl } from '../../../src/core/corpus/parse-csl';
import { parseSeed } from '../../../src/core/corpus/parse-seed';
import type { Source } from '../../../src/core/corpus/types';
import { growth, looksLinear } from '../../helpers/timing';

const seed = parseSeed(readFileSync(new URL('../../../corpus/000_62fae53512a10254.txt', import.meta.url), 'utf8'));
const byId = (id: string): Source => seed.find((s) => s.id === id)!;

describe('formatCitation(source, "apa")', () => {
  it('formats the paper as an APA 7 journal article', () => {
    expect(formatCitation(byId('tassev-2024'), 'apa')).toBe(
      'Tassev, I. V. (2024). The Islamic State-Khorasan’s Recent Reorganization and Remaining Threat for Central Asia in 2024. Asian Journal of Research in Education and Social Sciences, 6(2), 475–479.',
    );
  });

  it('cites the abstract as the paper it belongs to', () => {
    expect(formatCitation(byId('tassev-2024-abstract'), 'apa')).toBe(formatCitation(byId('tassev-2024'), 'apa'));
  });

  it('formats a journal article, an edited chapter and a chapter without editors', () => {
    expect(formatCitation(byId('jadoon-2023'), 'apa')).toBe(
      'Jadoon, A., Mines, A., & Sayed, A. (2023). The Enduring Duel: Islamic State Khorasan’s survival under Afghanistan’s New Rulers. CTC Sentinel, 16(8), 8–15.',
    );
    expect(formatCitation(byId('jadoon-2018'), 'apa')).toBe(byId('jadoon-2018').text);
    expect(formatCitation(byId('osman-2020'), 'apa')).toBe(
      'Osman, B. (2020). Salafism in Afghanistan and the Emergence of ISKP: A Brief History. In Bourgeois Jihad: Why Young, Middle class Afghans Join the Islamic State (pp. 6–10). US Institute of Peace.',
    );
  });

  it('names the publisher, but not when it is the author', () => {
    expect(formatCitation(byId('alkhouri-2022'), 'apa')).toBe(byId('alkhouri-2022').text);
    expect(formatCitation(byId('al-jazeera-2018'), 'apa')).toBe(byId('al-jazeera-2018').text);
    expect(formatCitation(byId('soufan-center-2023'), 'apa')).toBe(
      'The Soufan Center. (2023). IntelBrief: Islamic State Khorasan Remains a Stubborn Threat in Afghanistan.',
    );
    expect(formatCitation(byId('south-china-morning-post-2021'), 'apa')).toBe(byId('south-china-morning-post-2021').text);
  });

  it('writes every range with an en dash and no spaces: pages, issue and volume', () => {
    expect(formatCitation(byId('hamming-2023'), 'apa')).toMatch(/, 16\(7\), 20–27\.$/);
    const article: Source = { ...byId('hamming-2023'), volume: '16-17', issue: '7 - 8', pages: '20--27, 30—35' };
    expect(formatCitation(article, 'apa')).toMatch(/, 16–17\(7–8\), 20–27, 30–35\.$/);
    expect(formatCitation({ ...byId('osman-2020'), pages: '6 – 10' }, 'apa')).toContain('(pp. 6–10)');
    expect(formatCitation({ ...byId('osman-2020'), pages: '6' }, 'apa')).toContain('(p. 6)');
  });

  it('sets typewriter quotes and apostrophes as typographic ones, but not in the URL', () => {
    expect(formatCitation(byId('sayed-2022'), 'apa')).toBe(
      'Sayed, A., & Jadoon, A. (2022). Understanding Tehrik-e-Taliban Pakistan’s Unrelenting Posture. GW Program on Extremism.',
    );
    const quoted: Source = { ...byId('cbs-2023'), title: `"Soon" and 'Later' in Analysts' Notes`, publisher: "O'Neil Media", url: "https://example.org/it's" };
    expect(formatCitation(quoted, 'apa')).toBe('CBS. (2023). “Soon” and ‘Later’ in Analysts’ Notes. O’Neil Media. https://example.org/it\'s');
  });

  it('moves the title to the author position and writes n.d. when author and year are missing', () => {
    const doc: Source = { ...byId('wilson-center-2023'), authors: [], year: null, publisher: 'Wilson Center', url: 'https://example.org' };
    expect(formatCitation(doc, 'apa')).toBe('US Officials on Jihadi Threat in 2023. (n.d.). Wilson Center. https://example.org');
  });
});

describe('formatCitation(source, "bibtex")', () => {
  it('writes a journal article as @article keyed by id', () => {
    expect(formatCitation(byId('hamming-2023'), 'bibtex')).toBe(
      [
        '@article{hamming-2023,',
        '  author = {Hamming, T.},',
        '  title = {{The General Directorate of Provinces: Managing the Islamic State’s Global Network}},',
        '  journal = {CTC Sentinel},',
        '  year = {2023},',
        '  volume = {16},',
        '  number = {7},',
        '  pages = {20--27}',
        '}',
      ].join('\n'),
    );
  });

  it('writes an edited chapter as @incollection and escapes special characters', () => {
    const bib = formatCitation(byId('jadoon-2018'), 'bibtex');
    expect(bib.startsWith('@incollection{jadoon-2018,\n')).toBe(true);
    expect(bib).toContain('  editor = {Jadoon, A.},');
    expect(bib).toContain('  booktitle = {Allied \\& Lethal: Islamic State Khorasan’s Network and Organizational Capacity in Afghanistan and Pakistan},');
    expect(bib).toContain('  pages = {10--30},');
    expect(bib).toContain('  publisher = {Combating Terrorism Center at West Point}');
  });

  it('writes other works as @misc with organisations braced as one name', () => {
    const bib = formatCitation(byId('doxsee-2021'), 'bibtex');
    expect(bib).toContain('@misc{doxsee-2021,');
    expect(bib).toContain('author = {Doxsee, C. and Thompson, J.}');
    expect(bib).toContain('howpublished = {Center for Strategic \\& International Studies (CSIS)}');
    expect(formatCitation(byId('cbs-2023'), 'bibtex')).toContain('author = {{CBS}}');
  });

  it('adds the month macro and the access date for the paper', () => {
    const bib = formatCitation(byId('tassev-2024'), 'bibtex');
    expect(bib).toContain('  month = jun,');
    expect(bib).toContain('  note = {Accessed 26 July 2024}');
  });

  it('escapes every BibTeX special character', () => {
    const odd: Source = { ...byId('cbs-2023'), title: '50% of $ for #1 & a_b ~ ^ {x} \\' };
    expect(formatCitation(odd, 'bibtex')).toContain('title = {{50\\% of \\$ for \\#1 \\& a\\_b \\textasciitilde{} \\textasciicircum{} \\{x\\} \\textbackslash{}}}');
  });
});

describe('formatCitation(source, "ris")', () => {
  it('writes a journal article with start and end pages', () => {
    expect(formatCitation(byId('jadoon-2023'), 'ris')).toBe(
      [
        'TY  - JOUR',
        'AU  - Jadoon, A.',
        'AU  - Mines, A.',
        'AU  - Sayed, A.',
        'PY  - 2023',
        'DA  - 2023///',
        'TI  - The Enduring Duel: Islamic State Khorasan’s survival under Afghanistan’s New Rulers',
        'T2  - CTC Sentinel',
        'VL  - 16',
        'IS  - 8',
        'SP  - 8',
        'EP  - 15',
        'ER  - ',
      ].join('\n'),
    );
  });

  it('writes a chapter with editors, an en-dash page range and the publisher', () => {
    const ris = formatCitation(byId('jadoon-2018'), 'ris').split('\n');
    expect(ris).toEqual(expect.arrayContaining(['TY  - CHAP', 'A2  - Jadoon, A.', 'SP  - 10', 'EP  - 30', 'PB  - Combating Terrorism Center at West Point']));
    expect(formatCitation(byId('robinson-2023'), 'ris')).toContain('PB  - Council on Foreign Relations (CFR)');
  });

  it('keeps the paper’s month in DA and writes its access date as Y2, in the spec’s YYYY/MM/DD/ form', () => {
    const ris = formatCitation(byId('tassev-2024'), 'ris').split('\n');
    expect(ris).toEqual(expect.arrayContaining(['PY  - 2024', 'DA  - 2024/06//', 'Y2  - 2024/07/26/']));
  });

  it('writes PY as the year alone and DA, Y2 as year/month/day/other info, every slash kept, for every source', () => {
    for (const source of seed) {
      const tags = formatCitation(source, 'ris').split('\n');
      const value = (tag: string) => tags.find((line) => line.startsWith(`${tag}  - `))?.slice(6);
      expect(value('PY'), source.id).toMatch(/^\d{4}$/);
      expect(value('DA'), source.id).toMatch(/^\d{4}\/(?:\d{2})?\/(?:\d{2})?\/$/);
      if (source.accessed) expect(value('Y2'), source.id).toMatch(/^\d{4}\/\d{2}\/\d{2}\/$/);
    }
  });

  it('reads an access date written day first, month first or as ISO, and keeps any other as a note', () => {
    const accessed = (text: string) => formatCitation({ ...byId('cbs-2023'), accessed: text }, 'ris').split('\n').filter((l) => /^(?:Y2|N1)/.test(l));
    expect(accessed('26 July 2024')).toEqual(['Y2  - 2024/07/26/']);
    expect(accessed('July 26, 2024')).toEqual(['Y2  - 2024/07/26/']);
    expect(accessed('2024-07-26')).toEqual(['Y2  - 2024/07/26/']);
    expect(accessed('last week')).toEqual(['N1  - Accessed last week']);
    expect(accessed('31 Foo 2024')).toEqual(['N1  - Accessed 31 Foo 2024']);
  });

  it('writes no PY or DA without a year, and a month given as a number like one given as a name', () => {
    expect(formatCitation({ ...byId('cbs-2023'), year: null, month: 'June' }, 'ris')).not.toMatch(/^(?:PY|DA)/m);
    expect(formatCitation({ ...byId('cbs-2023'), month: '6' }, 'ris')).toContain('DA  - 2023/06//');
    expect(formatCitation({ ...byId('cbs-2023'), month: 'Jun' }, 'ris')).toContain('DA  - 2023/06//');
  });
});

describe('formatCitation(source, "csl")', () => {
  it('returns a CSL-JSON item that parseCsl reads back to the same fields', () => {
    const item = JSON.parse(formatCitation(byId('jadoon-2018'), 'csl'));
    expect(item).toEqual({
      id: 'jadoon-2018',
      type: 'chapter',
      title: 'ISK in Afghanistan and Pakistan',
      author: [{ family: 'Jadoon', given: 'A.' }],
      editor: [{ family: 'Jadoon', given: 'A.' }],
      issued: { 'date-parts': [[2018]] },
      'container-title': 'Allied & Lethal: Islamic State Khorasan’s Network and Organizational Capacity in Afghanistan and Pakistan',
      page: '10–30',
      publisher: 'Combating Terrorism Center at West Point',
    });
    const [back] = parseCsl(JSON.stringify([item]), 'roundtrip.json');
    const { text, file, url, month, accessed, ...fields } = back!;
    const { text: _t, file: _f, ...original } = byId('jadoon-2018');
    expect(fields).toEqual(original);
    expect(text).toBe(byId('jadoon-2018').text);
  });

  it('writes organisations as literal names and the paper’s month and access date', () => {
    expect(JSON.parse(formatCitation(byId('wilson-center-2023'), 'csl')).author).toEqual([{ literal: 'Wilson Center' }]);
    const paper = JSON.parse(formatCitation(byId('tassev-2024'), 'csl'));
    expect(paper).toMatchObject({ type: 'article-journal', issued: { 'date-parts': [[2024, 6]] }, accessed: { 'date-parts': [[2024, 7, 26]] }, volume: '6', issue: '2' });
  });

  it('reads the access date as RIS does, and leaves out one it cannot read', () => {
    const accessed = (text: string) => JSON.parse(formatCitation({ ...byId('cbs-2023'), accessed: text }, 'csl')).accessed;
    expect(accessed('2024-07-26')).toEqual({ 'date-parts': [[2024, 7, 26]] });
    expect(accessed('July 26, 2024')).toEqual({ 'date-parts': [[2024, 7, 26]] });
    expect(accessed('last week')).toBeUndefined();
  });
});

// Pages come from users' files. Splitting a 20,000-character range took the old regexes 0.9 s; in
// one pass it takes a millisecond, and 200 ms leaves room for a loaded machine.
describe('formatCitation() on adversarial pages', () => {
  const chapter = (pages: string): Source => ({ ...byId('osman-2020'), pages });
  const spaced = `1${' '.repeat(20_000)}2`;

  it.each(['apa', 'bibtex', 'ris'] as const)('formats pages with a long run of spaces as %s in linear time', (format) => {
    const grown = growth((n) => formatCitation(chapter(`1${' '.repeat(n)}2`), format), 5_000);
    expect(looksLinear(grown), `${grown.ratio.toFixed(1)}x for 4x the spaces`).toBe(true);
  });

  it('writes an APA range of many dashes and spaces in linear time', () => {
    const grown = growth((n) => formatCitation(chapter(`1${' - '.repeat(n)}2`), 'apa'), 5_000);
    expect(looksLinear(grown), `${grown.ratio.toFixed(1)}x for 4x the range`).toBe(true);
    expect(formatCitation(chapter(`1${' - '.repeat(20_000)}2`), 'apa').match(/–/g)).toHaveLength(20_000);
  });

  it('still splits a range at its first dash, with the spaces around it', () => {
    expect(formatCitation(chapter('10 – 30 - 40'), 'ris')).toContain('SP  - 10\nEP  - 30\n');
    expect(formatCitation(chapter('10 – 30 - 40'), 'bibtex')).toContain('pages = {10--30 - 40}');
    expect(formatCitation(chapter(spaced), 'ris')).toContain(`SP  - ${spaced}\n`);
  });
});
