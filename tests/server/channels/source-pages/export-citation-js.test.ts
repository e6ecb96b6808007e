import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCitation } from '../../../../src/core/corpus/format-citation';
import { parseCsl } from '../../../../src/core/corpus/parse-csl';
import { parseMarkdown } from '../../../../src/core/corpus/parse-markdown';
import type { Source } from '../../../../src/core/corpus/types';
import { createTestApp } from '../../../helpers/app';
import { readWithCitationJs, type CslData, type CslName } from '../../../helpers/citation-js';

/**
 * Every source's BibTeX, RIS and CSL-JSON export, read back by citation-js (core 0.7 with its
 * BibTeX, RIS and CSL plugins), says what its CSL-JSON export says, field by field. Where a format
 * cannot carry something, the loss is listed in LOSSES with the format's reason, and nowhere else.
 */

type Format = 'bibtex' | 'ris' | 'csl';
const FORMATS: readonly Format[] = ['bibtex', 'ris', 'csl'];

/** The fields compared, as CSL-JSON names them; a date is its parts (year, month, day as far as known). */
interface Fields {
  type?: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: (number | string)[];
  accessed?: (number | string)[];
  'container-title'?: string;
  volume?: string;
  issue?: string;
  page?: string;
  publisher?: string;
  URL?: string;
  DOI?: string;
}

interface Loss {
  format: Format;
  field: keyof Fields;
  why: string;
  /** What of our CSL-JSON's value the format can carry. */
  carried: (fields: Fields) => Fields;
}

const nameOnly = (names: CslName[] | undefined, organisation: (literal: string) => boolean) =>
  names?.map((n) => (n.literal !== undefined && organisation(n.literal) ? { family: n.literal } : n));
const pageWithHyphen = (page: string | undefined) => page?.replace(/\s*[-–—]+\s*/g, '-');

const LOSSES: readonly Loss[] = [
  {
    format: 'bibtex',
    field: 'type',
    why: 'BibTeX’s standard entry types have no web page: one is written as @misc, which reads back as a document',
    carried: (f) => ({ ...f, type: f.type === 'webpage' ? 'document' : f.type }),
  },
  {
    format: 'bibtex',
    field: 'author',
    why: 'BibTeX has no literal names: an organisation is braced as one name ({Al Jazeera}) and reads back as a family name alone',
    carried: (f) => ({ ...f, author: nameOnly(f.author, () => true), editor: nameOnly(f.editor, () => true) }),
  },
  {
    format: 'ris',
    field: 'author',
    why: 'RIS has no literal names: an organisation is written without a comma, and a one-word one ("CBS") reads back as a family name alone',
    carried: (f) => ({ ...f, author: nameOnly(f.author, (n) => !/\s/.test(n)), editor: nameOnly(f.editor, (n) => !/\s/.test(n)) }),
  },
  {
    format: 'bibtex',
    field: 'page',
    why: 'BibTeX writes a range’s dash as --, which reads back as a hyphen ("10–30" → "10--30" → "10-30")',
    carried: (f) => ({ ...f, page: pageWithHyphen(f.page) }),
  },
  {
    format: 'ris',
    field: 'page',
    why: 'RIS holds a range as its first and last page (SP, EP), which read back joined by a hyphen ("10–30" → "10-30")',
    carried: (f) => ({ ...f, page: pageWithHyphen(f.page) }),
  },
  {
    format: 'bibtex',
    field: 'accessed',
    why: 'BibTeX has no access-date field: the date is written as a note ("note = {Accessed 26 July 2024}")',
    carried: (f) => ({ ...f, accessed: undefined }),
  },
];

/** The losses some source needed: one no source needs is a stale entry in LOSSES. */
const needed = new Set<Loss>();

function fields(item: CslData): Fields {
  const parts = (date: CslData['issued']) => (date?.raw !== undefined ? [`raw: ${date.raw}`] : date?.['date-parts']?.[0]?.map(Number));
  const names = (list: CslName[] | undefined) =>
    list?.map(({ family, given, literal }) => ({ ...(family !== undefined && { family }), ...(given !== undefined && { given }), ...(literal !== undefined && { literal }) }));
  const text = (value: string | number | undefined) => (value === undefined ? undefined : String(value));
  return {
    type: item.type,
    title: item.title,
    author: names(item.author),
    editor: names(item.editor),
    issued: parts(item.issued),
    accessed: parts(item.accessed),
    'container-title': item['container-title'],
    volume: text(item.volume),
    issue: text(item.issue),
    page: item.page,
    publisher: item.publisher,
    URL: item.URL,
    DOI: item.DOI,
  };
}

/** What citation-js should read from our `format` export: the CSL-JSON export's fields, less the format's losses. */
function expectedFrom(csl: Fields, format: Format): Fields {
  let expected = csl;
  for (const loss of LOSSES.filter((l) => l.format === format)) {
    const carried = loss.carried(expected);
    if (JSON.stringify(carried) !== JSON.stringify(expected)) needed.add(loss);
    expected = carried;
  }
  return expected;
}

/** citation-js's reading of one export: exactly one record, as the fields compared. */
function readBack(text: string): Fields {
  const items = readWithCitationJs(text);
  expect(items).toHaveLength(1);
  return fields(items[0]!);
}

function nameText(name: CslName): string {
  return name.literal ?? `${name.family}, ${name.given}`;
}

// The app over the real corpus (corpus/, loaded as the server loads it), its exports fetched as a reader's browser would.
const { app } = await createTestApp();
const records: Source[] = (await (await app.request('/api/sources')).json()).sources;
const exported = async (id: string, format: Format) => {
  const res = await app.request(`/sources/${id}/export?format=${format}`);
  expect(res.status).toBe(200);
  return res.text();
};

describe('each source’s exports, from GET /sources/:id/export, read back by citation-js', () => {
  it('covers every source in the corpus: the paper, its abstract and the 24 references', () => {
    expect(records).toHaveLength(26);
  });

  it.each(records.map((r) => [r.id, r] as const))('%s: BibTeX, RIS and CSL-JSON say what its record and CSL-JSON say', async (id, record) => {
    const csl = fields(JSON.parse(await exported(id, 'csl')) as CslData);
    const month = record.month ? new Date(`${record.month} 1, 2000`).getMonth() + 1 : undefined;
    expect(csl).toMatchObject({
      title: record.title.replace(/^Abstract:\s*/, ''),
      issued: month ? [record.year, month] : [record.year],
      'container-title': record.container ?? undefined,
      volume: record.volume ?? undefined,
      issue: record.issue ?? undefined,
      page: record.pages ?? undefined,
      publisher: record.publisher ?? undefined,
      URL: record.url ?? undefined,
    });
    expect(csl.author?.map(nameText) ?? []).toEqual(record.authors);
    for (const format of FORMATS) expect(readBack(await exported(id, format)), `${id} as ${format}`).toEqual(expectedFrom(csl, format));
  });

  it('reads June 2024 from the paper’s RIS, as from its BibTeX and CSL-JSON', async () => {
    for (const format of FORMATS) expect(readBack(await exported('tassev-2024', format)).issued, format).toEqual([2024, 6]);
    expect(readBack(await exported('tassev-2024', 'ris')).accessed).toEqual([2024, 7, 26]);
  });
});

// What the seed lacks (URLs, months, access dates, names in natural order), from a Zotero export and a note.
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/corpus/${name}`, import.meta.url), 'utf8');
const notes = parseMarkdown(fixture('analyst-notes.md'), 'analyst-notes.md');
const userSources: Source[] = [
  ...parseCsl(fixture('zotero-export.json'), 'zotero-export.json'),
  notes,
  { ...notes, id: 'notes-dated', month: 'March', accessed: '2024-07-26' },
];

describe('user sources’ exports, from formatCitation, read back by citation-js', () => {
  it.each(userSources.map((s) => [s.id, s] as const))('%s: BibTeX, RIS and CSL-JSON say what its CSL-JSON says', (id, source) => {
    const csl = fields(JSON.parse(formatCitation(source, 'csl')) as CslData);
    for (const format of FORMATS) expect(readBack(formatCitation(source, format)), `${id} as ${format}`).toEqual(expectedFrom(csl, format));
  });
});

describe('LOSSES', () => {
  it('lists only losses some source needs', () => {
    expect(LOSSES.filter((loss) => !needed.has(loss)).map(({ format, field }) => `${format} ${field}`)).toEqual([]);
  });
});
