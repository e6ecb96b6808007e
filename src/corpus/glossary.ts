import { z } from 'zod';
import type { GlossaryEntry } from './types';

/**
 * The glossary lets retrieval find "ISIS-K" in a source that only says "Islamic State Khorasan
 * Province": each entity mentioned in a query contributes its other names as extra query phrases.
 */

const entrySchema = z.object({
  canonical: z.string().trim().min(1),
  aliases: z.array(z.string().trim().min(1)),
  kind: z.enum(['group', 'institute', 'outlet', 'place', 'person', 'term', 'synonym']),
});
const fileSchema = z.object({ entries: z.array(entrySchema) });

/** Validate `glossary.json`; a name claimed by two entries is an error (expansion would be ambiguous). */
export function parseGlossary(json: string): GlossaryEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new Error(`glossary: not valid JSON (${(err as Error).message})`);
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`glossary: ${issue.path.join('.') || 'root'}: ${issue.message} (expected { "entries": [{ canonical, aliases, kind }] })`);
  }
  const owner = new Map<string, string>();
  for (const entry of parsed.data.entries) {
    for (const name of [entry.canonical, ...entry.aliases]) {
      const key = `${caseSensitive(name) ? 'cs:' : ''}${normalise(name, !caseSensitive(name))}`;
      const other = owner.get(key);
      if (other !== undefined && other !== entry.canonical) {
        throw new Error(`glossary: "${name}" names both "${other}" and "${entry.canonical}"`);
      }
      owner.set(key, entry.canonical);
    }
  }
  return parsed.data.entries;
}

// An all-caps acronym that is also an everyday word ("IS", "US") only counts when written in capitals,
// so "what is ISKP" does not drag in the Islamic State's names. Other acronyms match in any case
// ("iskp", "ctc", "cfr").
const COMMON_WORDS = new Set([
  'a', 'i', 'am', 'an', 'as', 'at', 'be', 'by', 'do', 'go', 'he', 'if', 'in', 'is', 'it', 'me', 'my', 'no', 'of', 'oh', 'ok', 'on', 'or', 'so',
  'to', 'up', 'us', 'we', 'all', 'and', 'any', 'are', 'but', 'can', 'did', 'few', 'for', 'had', 'has', 'her', 'him', 'his', 'how', 'its', 'may',
  'new', 'not', 'now', 'old', 'one', 'our', 'out', 'see', 'she', 'the', 'two', 'use', 'war', 'was', 'way', 'who', 'why', 'yes', 'you',
]);

function caseSensitive(name: string): boolean {
  return /^[A-Z]+$/.test(name) && COMMON_WORDS.has(name.toLowerCase());
}

/** Hyphens, dashes and spaces are interchangeable ("IS-K" = "IS K"), as are straight and curly apostrophes. */
function normalise(text: string, fold: boolean): string {
  const t = text.replace(/[’‘]/g, "'").replace(/[\s\-–‐]+/g, ' ').trim();
  return fold ? t.toLowerCase() : t;
}

function aliasPattern(name: string): string {
  return name
    .trim()
    .split(/([\s\-–‐]+|['’])/)
    .map((part) => {
      if (/^[\s\-–‐]+$/.test(part)) return '(?:\\s*[-–‐]\\s*|\\s+)';
      if (/^['’]$/.test(part)) return "['’]";
      return part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    })
    .join('');
}

interface Name {
  entry: number;
  exact: string | null; // set for case-sensitive names: the spelling that must match
}

/** Compile the glossary once; the returned function gives the extra phrases for a query. */
export function createAliasExpander(glossary: readonly GlossaryEntry[]): (query: string) => string[] {
  const byKey = new Map<string, Name>();
  const patterns: string[] = [];
  glossary.forEach((entry, i) => {
    for (const name of [entry.canonical, ...entry.aliases]) {
      const key = normalise(name, true);
      if (byKey.has(key) && !caseSensitive(name)) continue;
      // A case-insensitive name wins over a case-sensitive one with the same letters.
      if (!byKey.has(key)) byKey.set(key, { entry: i, exact: caseSensitive(name) ? normalise(name, false) : null });
      patterns.push(aliasPattern(name));
    }
  });
  if (patterns.length === 0) return () => [];
  // Longest first, so "ISIS-K" is read as one name before "ISIS" can match its first half.
  const unique = [...new Set(patterns)].sort((a, b) => b.length - a.length);
  const matcher = new RegExp(`(?<![\\p{L}\\p{N}])(?:${unique.join('|')})(?![\\p{L}\\p{N}])`, 'giu');

  return (query) => {
    const seen = new Map<number, Set<string>>(); // entry → keys of the names the query already uses
    for (const m of query.matchAll(matcher)) {
      const name = byKey.get(normalise(m[0], true));
      if (!name || (name.exact !== null && normalise(m[0], false) !== name.exact)) continue;
      if (!seen.has(name.entry)) seen.set(name.entry, new Set());
      seen.get(name.entry)!.add(normalise(m[0], true));
    }
    const out: string[] = [];
    const emitted = new Set<string>();
    for (const [i, used] of seen) {
      const entry = glossary[i]!;
      for (const phrase of [entry.canonical, ...entry.aliases]) {
        const key = normalise(phrase, true);
        if (used.has(key) || emitted.has(key)) continue;
        emitted.add(key);
        out.push(phrase);
      }
    }
    return out;
  };
}

const cache = new WeakMap<readonly GlossaryEntry[], (query: string) => string[]>();

/** Convenience form of `createAliasExpander`, compiled once per glossary array. */
export function expandWithGlossary(query: string, glossary: readonly GlossaryEntry[]): string[] {
  let expand = cache.get(glossary);
  if (!expand) {
    expand = createAliasExpander(glossary);
    cache.set(glossary, expand);
  }
  return expand(query);
}
