import { familyName } from './names';
import { withoutTrailing } from '../text/scan';

/**
 * Ids are what users and answers cite (`hamming-2023`), so they are derived from the record itself and
 * stay stable across re-ingests: first author's family name + year, like an author-date citation.
 */

/** Lowercase ASCII-ish slug; letters of other scripts are kept rather than dropped. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '') // "Khorasan’s" → "khorasans", not "khorasan-s"
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+/, '');
  return withoutTrailing(slug, /-/);
}

/**
 * `family-year` from the first author ("Hamming, T." → `hamming-2023`). Organisations use their whole
 * name without a leading "The" (`soufan-center-2023`). With no author, the first words of the title
 * stand in, as APA moves the title to the author position. A missing year is `nd` (APA "n.d.").
 */
export function sourceId(authors: readonly string[], year: number | null, title: string): string {
  const first = authors[0];
  const stem = first
    ? slugify(familyName(first).replace(/^the\s+/i, ''))
    : slugify(title.split(/\s+/).slice(0, 5).join(' '));
  return `${stem || 'source'}-${year ?? 'nd'}`;
}

/**
 * Claim `base` in `taken`, or the first free `base-b`, `base-c`, … (the first record keeps the bare id,
 * so adding a file never renames records that were already cited).
 */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 1; taken.has(id); n++) id = `${base}-${suffix(n)}`;
  taken.add(id);
  return id;
}

function suffix(n: number): string {
  return n <= 25 ? String.fromCharCode(97 + n) : String(n + 1); // b…z, then 27, 28, …
}
