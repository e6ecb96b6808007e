import { escapeRegExp } from '../text/escape-regexp';
import { tokenize } from '../text/tokenize';
import type { GlossaryEntry } from './types';

/** A glossary name found in a text: which entry, and the name (as `aliasKey`) that matched. */
export interface AliasMatch {
  entry: number;
  key: string;
}

/**
 * The one place glossary names are found in text, for query expansion and for the answerer's
 * terms alike. Names are matched on stemmed tokens, longest first, so "ISIS-K" is one name,
 * hyphens and spaces are alike, and inflections match. An all-caps acronym that is also an
 * everyday word ("IS", "US") counts only when written in capitals.
 */
export function createAliasMatcher(glossary: readonly GlossaryEntry[]) {
  const byFirst = new Map<string, { tokens: string[]; match: AliasMatch }[]>();
  const exact: { pattern: RegExp; token: string }[] = [];
  glossary.forEach((entry, i) => {
    for (const name of [entry.canonical, ...entry.aliases]) {
      // "IS-K" tokenizes to "k" alone ("is" is a stopword), which would match the initial of "Robinson, K.": it is matched as written instead.
      if (caseSensitive(name) || fragile(name)) {
        // Held out of tokenizing, where it would be lowercased into a stopword, as a token of its own.
        const token = `zzalias${exact.length}zz`;
        exact.push({ pattern: new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRegExp(name)}(?![\\p{L}\\p{N}-])`, 'gu'), token });
        byFirst.set(token, [{ tokens: [token], match: { entry: i, key: aliasKey(name) } }]);
        continue;
      }
      const tokens = tokenize(name);
      if (!tokens.length) continue;
      const list = byFirst.get(tokens[0]!) ?? [];
      list.push({ tokens, match: { entry: i, key: aliasKey(name) } });
      byFirst.set(tokens[0]!, list);
    }
  });
  // Longest first; among names that tokenize alike ("The Washington Post"), the fuller spelling.
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length || b.match.key.length - a.match.key.length);

  /** The text's stemmed tokens, each name matched only as written held out as a token of its own. */
  const tokensOf = (text: string): string[] => {
    let t = text;
    for (const { pattern, token } of exact) t = t.replace(pattern, ` ${token} `);
    return tokenize(t);
  };
  /** The text's stemmed tokens, each run that names a glossary entry replaced by its match. */
  const match = (text: string): (string | AliasMatch)[] => {
    const toks = tokensOf(text);
    const out: (string | AliasMatch)[] = [];
    for (let i = 0; i < toks.length; ) {
      const found = byFirst.get(toks[i]!)?.find((s) => s.tokens.every((tok, j) => toks[i + j] === tok));
      if (found) {
        out.push(found.match);
        i += found.tokens.length;
      } else out.push(toks[i++]!);
    }
    return out;
  };
  /** Every glossary name written in the text, names inside longer ones included ("Pakistan" in "Tehrik-e-Taliban Pakistan"), in order. */
  const written = (text: string): AliasMatch[] => {
    const toks = tokensOf(text);
    const out: AliasMatch[] = [];
    for (let i = 0; i < toks.length; i++) for (const s of byFirst.get(toks[i]!) ?? []) if (s.tokens.every((tok, j) => toks[i + j] === tok)) out.push(s.match);
    return out;
  };
  return Object.assign(match, { written });
}

const COMMON_WORDS = new Set([
  'a', 'i', 'am', 'an', 'as', 'at', 'be', 'by', 'do', 'go', 'he', 'if', 'in', 'is', 'it', 'me', 'my', 'no', 'of', 'oh', 'ok', 'on', 'or', 'so',
  'to', 'up', 'us', 'we', 'all', 'and', 'any', 'are', 'but', 'can', 'did', 'few', 'for', 'had', 'has', 'her', 'him', 'his', 'how', 'its', 'may',
  'new', 'not', 'now', 'old', 'one', 'our', 'out', 'see', 'she', 'the', 'two', 'use', 'war', 'was', 'way', 'who', 'why', 'yes', 'you',
]);

/** A name longer than the one short token it tokenizes to: matched only as written. */
const fragile = (name: string) => {
  const tokens = tokenize(name);
  return tokens.length === 1 && tokens[0]!.length <= 2 && name.replace(/[^\p{L}\p{N}]/gu, '').length > tokens[0]!.length;
};

export function caseSensitive(name: string): boolean {
  return /^[A-Z]+$/.test(name) && COMMON_WORDS.has(name.toLowerCase());
}

/** Hyphens, dashes and spaces are interchangeable ("IS-K" = "IS K"), as are straight and curly apostrophes. */
export function normaliseName(text: string, fold: boolean): string {
  const t = text.replace(/[’‘]/g, "'").replace(/[\s\-–‐]+/g, ' ').trim();
  return fold ? t.toLowerCase() : t;
}

/** One key per way of writing a name, case folded except for case-sensitive acronyms. */
export const aliasKey = (name: string) => normaliseName(name, !caseSensitive(name));
