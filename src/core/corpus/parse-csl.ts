import { z } from 'zod';
import { formatCitation } from './format-citation';
import { apaName } from './names';
import { sourceId, uniqueId } from './source-id';
import type { Source } from './types';

/**
 * A Zotero (or any CSL-JSON) export: an array of items. Each becomes a 'reference'; since there is no
 * printed entry, `text` is its APA rendering, followed by the abstract (after a blank line) when the
 * export has one, so retrieval can match on both.
 */

// Zotero writes numbers as strings and vice versa depending on the field; accept both.
const textish = z.union([z.string(), z.number()]).transform(String);

const name = z.union([
  z.object({
    family: z.string().min(1),
    given: z.string().optional(),
    'non-dropping-particle': z.string().optional(),
    suffix: z.string().optional(),
  }),
  z.object({ literal: z.string().min(1) }),
]);

const date = z.object({
  'date-parts': z.array(z.array(textish)).optional(),
  literal: z.string().optional(),
  raw: z.string().optional(),
});

const item = z.object({
  type: z.string().min(1),
  title: z.string().trim().min(1),
  author: z.array(name).optional(),
  editor: z.array(name).optional(),
  issued: date.optional(),
  accessed: date.optional(),
  'container-title': z.string().optional(),
  volume: textish.optional(),
  issue: textish.optional(),
  page: textish.optional(),
  publisher: z.string().optional(),
  URL: z.string().optional(),
  DOI: z.string().optional(),
  abstract: z.string().optional(),
});

type CslItem = z.infer<typeof item>;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Ids are claimed in `taken` (pass the corpus-wide set so collisions with other files get -b, -c). */
export function parseCsl(json: string, file: string, taken: Set<string> = new Set()): Source[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) throw new Error(`${file}: expected a CSL-JSON array of items (a Zotero "CSL JSON" export)`);
  const parsed = z.array(item).safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((issue) => {
      const [index, ...path] = issue.path;
      return `item ${String(index)}${path.length > 0 ? ` field "${path.join('.')}"` : ''}: ${issue.message}`;
    });
    throw new Error(`${file}: invalid CSL-JSON: ${problems.join('; ')}`);
  }
  return parsed.data.map((entry) => toSource(entry, file, taken));
}

function toSource(entry: CslItem, file: string, taken: Set<string>): Source {
  const authors = (entry.author ?? []).map(cslName);
  const issued = dateOf(entry.issued);
  const accessed = dateOf(entry.accessed);
  const source: Source = {
    id: '',
    kind: 'reference',
    title: entry.title.trim(),
    authors,
    editors: (entry.editor ?? []).map(cslName),
    year: issued.year,
    container: entry['container-title']?.trim() || null,
    volume: entry.volume || null,
    issue: entry.issue || null,
    pages: entry.page || null,
    publisher: entry.publisher?.trim() || null,
    text: '',
    url: entry.URL || (entry.DOI ? `https://doi.org/${entry.DOI.replace(/^https?:\/\/doi\.org\//, '')}` : null),
    month: issued.month,
    accessed: accessed.year && accessed.month && accessed.day ? `${accessed.day} ${accessed.month} ${accessed.year}` : null,
    file,
  };
  source.id = uniqueId(sourceId(authors, source.year, source.title), taken);
  const abstract = entry.abstract?.trim();
  source.text = formatCitation(source, 'apa') + (abstract ? `\n\n${abstract}` : '');
  return source;
}

/** CSL name → "Family, G. N." (particles kept with the family name: "van Gogh, V."); literals as given. */
function cslName(n: z.infer<typeof name>): string {
  if ('literal' in n) return n.literal.trim();
  const family = [n['non-dropping-particle'], n.family].filter(Boolean).join(' ');
  const base = apaName(family, n.given);
  return n.suffix ? `${base}, ${n.suffix}` : base;
}

function dateOf(d: z.infer<typeof date> | undefined): { year: number | null; month: string | null; day: number | null } {
  const parts = d?.['date-parts']?.[0]?.map(Number);
  if (parts && Number.isInteger(parts[0])) {
    const month = parts[1] !== undefined && parts[1] >= 1 && parts[1] <= 12 ? MONTHS[parts[1] - 1]! : null;
    return { year: parts[0]!, month, day: month && parts[2] ? parts[2] : null };
  }
  // "raw"/"literal" dates: take the year and nothing we would have to guess.
  const year = (d?.raw ?? d?.literal)?.match(/\b\d{4}\b/)?.[0];
  return { year: year ? Number(year) : null, month: null, day: null };
}
