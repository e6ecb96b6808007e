import { z } from 'zod';
import { aliasKey, caseSensitive, createAliasMatcher, type AliasMatch } from './alias-matcher';
import { createMemo } from '../memo';
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
      const key = `${caseSensitive(name) ? 'cs:' : ''}${aliasKey(name)}`;
      const other = owner.get(key);
      if (other !== undefined && other !== entry.canonical) {
        throw new Error(`glossary: "${name}" names both "${other}" and "${entry.canonical}"`);
      }
      owner.set(key, entry.canonical);
    }
  }
  return parsed.data.entries;
}

/** Compile the glossary once; the returned function gives the other names of every entity a query mentions. */
export function createAliasExpander(glossary: readonly GlossaryEntry[]): (query: string) => readonly string[] {
  const match = createAliasMatcher(glossary);
  // Each entry's names with their keys, worked out once rather than for every query that names it.
  const names = glossary.map((entry) => [entry.canonical, ...entry.aliases].map((phrase) => ({ phrase, key: aliasKey(phrase) })));
  const phrasesFor = (matches: readonly AliasMatch[]): readonly string[] => {
    const seen = new Map<number, Set<string>>(); // entry → keys of the names the query already uses
    for (const m of matches) {
      if (!seen.has(m.entry)) seen.set(m.entry, new Set());
      seen.get(m.entry)!.add(m.key);
    }
    const out: string[] = [];
    const emitted = new Set<string>();
    for (const [i, used] of seen) {
      for (const { phrase, key } of names[i]!) {
        if (used.has(key) || emitted.has(key)) continue;
        emitted.add(key);
        out.push(phrase);
      }
    }
    return Object.freeze(out);
  };
  // The phrases depend only on which names a query used, in which order, and few such
  // combinations occur: each is worked out once (and the array shared, hence frozen).
  const bySignature = createMemo<readonly string[]>(EXPANSIONS_KEPT);
  return (query) => {
    const matches = match(query).filter((m): m is AliasMatch => typeof m !== 'string');
    if (!matches.length) return NO_PHRASES;
    const signature = matches.map((m) => `${m.entry}:${m.key}`).join('|');
    return bySignature.get(signature) ?? bySignature.set(signature, phrasesFor(matches));
  };
}

const NO_PHRASES: readonly string[] = Object.freeze([]);
const EXPANSIONS_KEPT = 1_000;

const cache = new WeakMap<readonly GlossaryEntry[], (query: string) => readonly string[]>();

/** Convenience form of `createAliasExpander`, compiled once per glossary array. */
export function expandWithGlossary(query: string, glossary: readonly GlossaryEntry[]): readonly string[] {
  let expand = cache.get(glossary);
  if (!expand) {
    expand = createAliasExpander(glossary);
    cache.set(glossary, expand);
  }
  return expand(query);
}
