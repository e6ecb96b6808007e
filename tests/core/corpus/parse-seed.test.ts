import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSeedDocument, parseSeed } from '../../../src/core/corpus/parse-seed';
import { splitSentences } from '../../../src/core/corpus/sentences';

const FILE = '000_62fae53512a10254.txt';
const seed = readFileSync(new URL(`../../../corpus/${FILE}`, import.meta.url), 'utf8');
const sources = parseSeed(seed, FILE);
const lines = seed.split('\n');

const TITLE = 'The Islamic State-Khorasan’s Recent Reorganization and Remaining Threat for Central Asia in 2024';

type Expected = {
  id: string;
  authors: string[];
  year: number;
  title: string;
  publisher: string | null;
  container?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  editors?: string[];
};

// Expected values typed from the document; the parser derives them, this table only checks them.
const REFERENCES: Expected[] = [
  { id: 'al-jazeera-2018', authors: ['Al Jazeera'], year: 2018, title: 'Suicide Bombing at Kabul Religious Gathering Kills Dozens', publisher: 'Al Jazeera' },
  { id: 'alkhouri-2022', authors: ['Alkhouri, L.', 'Webber, L.'], year: 2022, title: 'Islamic State Launches New Tajik Propaganda Network', publisher: 'Eurasianet' },
  { id: 'ashraf-2017', authors: ['Ashraf, S.'], year: 2017, title: 'ISIS Khorasan: Presence and Potential in the Afghanistan-Pakistan Region', publisher: 'Centre for the Response to Radicalization and Terrorism at the Henry Jackson Society' },
  { id: 'bne-intellinews-2023', authors: ['Bne IntelliNews'], year: 2023, title: '4,000 Islamic State Fighters Gathered near Afghanistan Border with Tajikistan Says Kremlin Officer', publisher: 'bne IntelliNews' },
  { id: 'cbs-2023', authors: ['CBS'], year: 2023, title: 'Bomb Blast at Kabul Checkpoint Kills and Wounds Several, Taliban says', publisher: 'CBS News' },
  { id: 'doxsee-2021', authors: ['Doxsee, C.', 'Thompson, J.'], year: 2021, title: 'Examining Extremism: Islamic State Khorasan Province (ISKP)', publisher: 'Center for Strategic & International Studies (CSIS)' },
  { id: 'eggink-2024', authors: ['Eggink, K.'], year: 2024, title: 'ICCT Snapshot: Islamic State - Khorasan Province', publisher: 'International Centre for Counter-Terrorism (ICCT)' },
  { id: 'goldbaum-2023', authors: ['Goldbaum, C.'], year: 2023, title: 'ISIS Affiliate Claims Responsibility for Deadly Attack at Rally in Pakistan', publisher: 'New York Times' },
  { id: 'hamming-2023', authors: ['Hamming, T.'], year: 2023, title: 'The General Directorate of Provinces: Managing the Islamic State’s Global Network', publisher: null, container: 'CTC Sentinel', volume: '16', issue: '7', pages: '20-27' },
  { id: 'jadoon-2018', authors: ['Jadoon, A.'], year: 2018, title: 'ISK in Afghanistan and Pakistan', publisher: 'Combating Terrorism Center at West Point', editors: ['Jadoon, A.'], container: 'Allied & Lethal: Islamic State Khorasan’s Network and Organizational Capacity in Afghanistan and Pakistan', pages: '10–30' },
  { id: 'jadoon-2023', authors: ['Jadoon, A.', 'Mines, A.', 'Sayed, A.'], year: 2023, title: 'The Enduring Duel: Islamic State Khorasan’s survival under Afghanistan’s New Rulers', publisher: null, container: 'CTC Sentinel', volume: '16', issue: '8', pages: '8-15' },
  { id: 'johnson-2023', authors: ['Johnson, B.'], year: 2023, title: 'ISIS Vows to ‘Soon Take Revenge’ for Quran Burning While Urging ‘Strategic’ Use of ‘Blood, Corpses, and Killings’', publisher: 'Homeland Security Today' },
  { id: 'lederer-2023', authors: ['Lederer, E.'], year: 2023, title: 'Islamic State Group Still Has Thousands in Syria and Iraq and Poses Afghan Threat, UN Experts Say', publisher: 'ABC News' },
  { id: 'loveluck-2019', authors: ['Loveluck, L.'], year: 2019, title: 'Thousands of Women and Children Fleeing ISIS Stronghold Flood into Syrian Camp', publisher: 'Washington Post' },
  { id: 'loveluck-2022', authors: ['Loveluck, L.', 'Cahlan, S.'], year: 2022, title: 'Prison Break: ISIS Fighters Launched a Brazen Attack to Free their Comrades', publisher: 'Washington Post' },
  { id: 'osman-2020', authors: ['Osman, B.'], year: 2020, title: 'Salafism in Afghanistan and the Emergence of ISKP: A Brief History', publisher: 'US Institute of Peace', container: 'Bourgeois Jihad: Why Young, Middle class Afghans Join the Islamic State', pages: '6-10' },
  { id: 'palmer-2023', authors: ['Palmer, A.', 'Holtz, M.'], year: 2023, title: 'The Islamic State Threat in Pakistan: Trends and Scenarios', publisher: 'Center for Strategic and International Studies (CSIS)' },
  { id: 'robinson-2023', authors: ['Robinson, K.'], year: 2023, title: 'Defeated and Detained, Islamic State Still Poses Extremism Threat', publisher: 'Council on Foreign Relations (CFR)' },
  { id: 'sayed-2023', authors: ['Sayed, A.', 'Hamming, T. R.'], year: 2023, title: 'The Growing Threat of the Islamic State in Afghanistan and South Asia', publisher: 'United States Institute of Peace' },
  { id: 'sayed-2022', authors: ['Sayed, A.', 'Jadoon, A.'], year: 2022, title: "Understanding Tehrik-e-Taliban Pakistan's Unrelenting Posture", publisher: 'GW Program on Extremism' },
  { id: 'south-china-morning-post-2021', authors: ['South China Morning Post'], year: 2021, title: 'Explainer: Islamic State in Afghanistan: What is ISIS-K and Why is it an Enemy of the Taliban?', publisher: 'South China Morning Post' },
  { id: 'soufan-center-2023', authors: ['The Soufan Center'], year: 2023, title: 'IntelBrief: Islamic State Khorasan Remains a Stubborn Threat in Afghanistan', publisher: 'The Soufan Center' },
  { id: 'webber-2023', authors: ['Webber, L.', 'Valle, R.'], year: 2023, title: 'The Islamic State’s Central Asian Contingents and Their International Threat', publisher: 'Hudson Institute' },
  { id: 'wilson-center-2023', authors: ['Wilson Center'], year: 2023, title: 'US Officials on Jihadi Threat in 2023', publisher: 'Wilson Center' },
];

describe('parseSeed()', () => {
  const [paper, abstract, ...references] = sources;

  it('returns the paper, the abstract, then the 24 references in document order', () => {
    expect(sources).toHaveLength(26);
    expect(paper!.kind).toBe('paper');
    expect(abstract!.kind).toBe('abstract');
    expect(references.map((r) => r.kind)).toEqual(Array(24).fill('reference'));
    expect(references.map((r) => r.id)).toEqual(REFERENCES.map((r) => r.id));
  });

  it('reads the paper record from the title, the byline and the How to Cite block', () => {
    expect(paper).toEqual({
      id: 'tassev-2024',
      kind: 'paper',
      title: TITLE,
      authors: ['Tassev, I. V.'],
      editors: [],
      year: 2024,
      container: 'Asian Journal of Research in Education and Social Sciences',
      volume: '6',
      issue: '2',
      pages: '475-479',
      publisher: null,
      text: lines[33],
      url: null,
      month: 'June',
      accessed: '26 July 2024',
      section: 'English Section',
      file: FILE,
    });
    expect(paper!.text.startsWith('VALENTINOV TASSEV, Ivaylo. The Islamic State-Khorasan’s')).toBe(true);
  });

  it('keeps the abstract paragraph whole and exact, with the paper’s bibliographic fields', () => {
    expect(abstract!.id).toBe('tassev-2024-abstract');
    expect(abstract!.title).toBe(`Abstract: ${TITLE}`);
    expect(abstract!.text).toBe(lines[5]);
    expect(abstract!.text.startsWith('The self-proclaimed Islamic State in Iraq and Syria (ISIS) was defeated in 2019')).toBe(true);
    expect(abstract!.text.endsWith('presented by ISK in particular.')).toBe(true);
    const { id, kind, title, text, ...rest } = abstract!;
    const { id: _id, kind: _kind, title: _title, text: _text, ...paperRest } = paper!;
    expect(rest).toEqual(paperRest);
  });

  it('splits the abstract into sentences that slice back exactly, ending one at "January 3."', () => {
    const sentences = splitSentences(abstract!.text);
    expect(sentences).toHaveLength(12);
    for (const s of sentences) expect(abstract!.text.slice(s.offset, s.offset + s.text.length)).toBe(s.text);
    expect(sentences[10]!.text).toBe('The very recent example is the attack in Iran from January 3.');
    expect(sentences[11]!.text.startsWith('The author provides')).toBe(true);
    expect(sentences[6]!.text).toContain('(ISK or ISKP)');
  });

  it('keeps each reference line exactly as written, typos included', () => {
    expect(references.map((r) => r.text)).toEqual(lines.slice(8, 32));
    expect(references[22]!.text).toContain('Valle, R.. (2023)');
    expect(references[16]!.text).toContain('Holtz, M., (2023)');
  });

  describe.each(REFERENCES.map((r, i) => [r.id, i, r] as const))('reference %s', (_id, index, expected) => {
    const ref = references[index]!;
    it('has the expected authors, year, title and publisher', () => {
      expect(ref.authors).toEqual(expected.authors);
      expect(ref.year).toBe(expected.year);
      expect(ref.title).toBe(expected.title);
      expect(ref.publisher).toBe(expected.publisher);
    });
    it('has the expected container, volume, issue, pages and editors', () => {
      expect(ref.container).toBe(expected.container ?? null);
      expect(ref.volume).toBe(expected.volume ?? null);
      expect(ref.issue).toBe(expected.issue ?? null);
      expect(ref.pages).toBe(expected.pages ?? null);
      expect(ref.editors).toEqual(expected.editors ?? []);
    });
    it('records the file it came from', () => {
      expect(ref.file).toBe(FILE);
    });
  });

  it('reads the CTC Sentinel volume, issue and pages', () => {
    const hamming = sources.find((s) => s.id === 'hamming-2023')!;
    expect([hamming.container, hamming.volume, hamming.issue, hamming.pages]).toEqual(['CTC Sentinel', '16', '7', '20-27']);
  });

  it('reads an edited book chapter with its editor in "Family, I." form and the en dash kept', () => {
    const jadoon = sources.find((s) => s.id === 'jadoon-2018')!;
    expect(jadoon.editors).toEqual(['Jadoon, A.']);
    expect(jadoon.pages).toBe('10–30');
  });

  it('gives the corporate author as publisher when the entry has no publisher element', () => {
    for (const id of ['al-jazeera-2018', 'south-china-morning-post-2021', 'wilson-center-2023']) {
      const s = sources.find((x) => x.id === id)!;
      expect(s.publisher).toBe(s.authors[0]);
    }
  });

  it('works without a file name, and with Windows line endings', () => {
    const crlf = parseSeed(seed.replace(/\n/g, '\r\n'));
    expect(crlf.map((s) => s.id)).toEqual(sources.map((s) => s.id));
    expect(crlf[1]!.text).toBe(abstract!.text);
    expect(crlf[2]!.text).toBe(references[0]!.text);
    expect(crlf[0]!.file).toBeUndefined();
  });

  it('suffixes colliding ids with -b, -c', () => {
    const doubled = seed.replace(/^(Sayed, A\., & Jadoon, A\. \(2022\).*)$/m, '$1\nSayed, A. (2022). Another Piece. Hudson Institute.\nSayed, A. (2022). A Third Piece. Hudson Institute.');
    const ids = parseSeed(doubled).map((s) => s.id);
    expect(ids).toContain('sayed-2022');
    expect(ids).toContain('sayed-2022-b');
    expect(ids).toContain('sayed-2022-c');
  });

  it('throws a descriptive error when there is no How to Cite block', () => {
    expect(() => parseSeed('Title\n\nJust text.', 'x.txt')).toThrow(/x\.txt: no "How to Cite" block/);
  });
});

describe('isSeedDocument()', () => {
  it('recognises the seed by its content', () => {
    expect(isSeedDocument(seed)).toBe(true);
  });
  it('rejects ordinary notes', () => {
    expect(isSeedDocument('# Notes\n\nHow to cite things is hard.')).toBe(false);
  });
});

// The seed's "How to Cite" line and byline are read with patterns that once rescanned long runs of
// spaces: each document took the old regexes 0.9–5 s (20,000 characters); read in one pass it takes
// a few milliseconds, and 200 ms leaves room for a loaded machine.
describe('parseSeed() on adversarial lines', () => {
  const spaces = ' '.repeat(20_000);
  const seedWith = (citation: string, byline = '• Jane Doe'): string =>
    ['Title', byline, 'Abstract text.', 'Doe, J. (2020). One. Reuters.', 'Roe, A. (2021). Two. Reuters.', 'Poe, E. (2022). Three. Reuters.', 'How to Cite', citation, 'Section'].join('\n');
  const documents: [string, string][] = [
    ['a citation with spaces after a period', seedWith(`X. ${spaces}Y`)],
    ['a citation with spaces after "v."', seedWith(`X. J, v.${spaces}Y`)],
    ['a citation with spaces after the family name and no period', seedWith(`X,${spaces}Y`)],
    ['a citation with spaces after "Date accessed:"', seedWith(`X. Date accessed:${spaces}Y`)],
    ['a byline with a long run of spaces inside', seedWith('X.', `• A${spaces}B`)],
  ];

  it.each(documents)('reads %s in linear time', (_, text) => {
    const started = performance.now();
    parseSeed(text);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('still reads them as before', () => {
    expect(parseSeed(seedWith(`X. J, v.${spaces}Y`))[0]).toMatchObject({ container: null, volume: null, year: null });
    expect(parseSeed(seedWith('X.', `• A${spaces}B`))[0]!.authors).toEqual(['B, A.']);
    const cited = parseSeed(seedWith(`DOE, Jane. Title. Journal, [S.l.], v.${spaces}6, n. 2, p. 1-2, june 2024. Date accessed:${spaces}26 july 2024.`), undefined)[0]!;
    expect(cited).toMatchObject({ container: 'Journal', volume: '6', issue: '2', pages: '1-2', month: 'June', year: 2024, accessed: '26 July 2024' });
  });
});
