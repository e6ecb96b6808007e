import { isAbbreviation } from './sentences';
import { withoutTrailing } from '../text/scan';

/**
 * Person and organisation names. Convention for the whole corpus: people are "Family, I. N." (APA
 * reference-list form); anything without a comma is a literal name (an organisation such as
 * "Al Jazeera", or a person written naturally in a user document).
 */

/** "T. R.", "A.", "J.-P.", "T.R." — the given-name part of an APA name. */
export function isInitials(token: string): boolean {
  return /^(?:\p{Lu}\p{Ll}?\.(?:\s*-\s*|\s*)?)+$/u.test(token.trim());
}

/** "Ivaylo Valentinov" → "I. V."; "Jean-Pierre" → "J.-P."; initials pass through normalised. */
export function initials(given: string): string {
  return given
    .trim()
    .split(/\s+|(?<=\.)(?=\p{L})/u)
    .filter(Boolean)
    .map((word) =>
      word
        .split('-')
        .map((part) => {
          const letter = part.match(/\p{L}/u)?.[0];
          return letter ? `${letter.toUpperCase()}.` : '';
        })
        .filter(Boolean)
        .join('-'),
    )
    .filter(Boolean)
    .join(' ');
}

/** "Family, I." from parts; without a given name the family name alone. */
export function apaName(family: string, given?: string | null): string {
  const init = given ? initials(given) : '';
  return init ? `${family.trim()}, ${init}` : family.trim();
}

/** "A. Jadoon" (given-first, as APA writes editors) → "Jadoon, A.". Literal names pass through. */
export function invertName(name: string): string {
  const words = name.trim().split(/\s+/);
  let lastInitial = -1;
  words.forEach((w, i) => {
    if (isInitials(w)) lastInitial = i;
  });
  if (lastInitial === -1 || lastInitial === words.length - 1) return name.trim();
  return `${words.slice(lastInitial + 1).join(' ')}, ${words.slice(0, lastInitial + 1).join(' ')}`;
}

/** Family name of "Family, I." or the whole literal name. */
export function familyName(name: string): string {
  const comma = name.indexOf(',');
  return (comma === -1 ? name : name.slice(0, comma)).trim();
}

/** Split an APA-form name into CSL parts; literal names (no comma) come back as `{ literal }`. */
export function nameParts(name: string): { family: string; given: string } | { literal: string } {
  const comma = name.indexOf(',');
  if (comma === -1) return { literal: name.trim() };
  return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
}

/**
 * Split a list of names on `separator`, re-attaching initials that the separator cut off their
 * family name: "Alkhouri, L., & Webber, L." → ["Alkhouri, L.", "Webber, L."]. A period that merely
 * closes an organisation's name ("Al Jazeera.") is dropped; one that belongs to an initial is kept.
 */
export function splitNames(list: string, separator: RegExp): string[] {
  return pairInitials(list.split(separator));
}

/** Join stray initials to the family name before them: ["Sayed", "A.", "CSIS"] → ["Sayed, A.", "CSIS"]. */
export function pairInitials(tokens: readonly string[]): string[] {
  const names: string[] = [];
  for (const raw of tokens) {
    const token = raw.trim();
    if (!token) continue;
    const last = names.length - 1;
    if (isInitials(token) && last >= 0 && !names[last]!.includes(',')) {
      names[last] = `${names[last]}, ${token}`;
    } else {
      names.push(token);
    }
  }
  return names.map(dropClosingPeriod);
}

/** APA author block: names separated by commas and "&" (never "and": organisations contain it). */
export function splitApaAuthors(block: string): string[] {
  // "Holtz, M.," and "Valle, R.." are typos for the element's closing period; tolerate them.
  const cleaned = withoutTrailing(block.trim(), /[\s,]/);
  const unstopped = withoutTrailing(cleaned, /\./);
  // `(?<!\s)`: a run of spaces is tried as a separator from its first space only, not from each of them.
  return splitNames(cleaned.length - unstopped.length >= 2 ? `${unstopped}.` : cleaned, /(?:(?<!\s)\s+)?,\s*(?:&\s*)?|(?<!\s)\s+&\s+/);
}

function dropClosingPeriod(name: string): string {
  if (!name.endsWith('.')) return name;
  const comma = name.indexOf(',');
  if (comma !== -1 && isInitials(name.slice(comma + 1))) return name;
  const lastWord = name.slice(0, -1).split(/\s+/).pop() ?? '';
  return isAbbreviation(lastWord) ? name : name.slice(0, -1);
}
