import { createAliasMatcher, type AliasMatch } from '../corpus/alias-matcher';
import type { GlossaryEntry, Source } from '../corpus/types';

/** What kind of outlet published a work: a news outlet, a think tank or institute, a journal, or none of these. */
export type OutletKind = 'news' | 'institute' | 'journal' | 'other';

/** The fields the kind is read from; `type` is a CSL item type, when the record came from CSL JSON. */
export type OutletFields = Pick<Source, 'container' | 'publisher' | 'authors' | 'volume' | 'issue' | 'pages'> & { type?: string | null };

/** CSL types that settle the kind by themselves. Any other (`webpage`, `book`, `chapter`…) is read from the metadata. */
const BY_CSL_TYPE: Readonly<Record<string, OutletKind>> = {
  'article-journal': 'journal',
  'article-newspaper': 'news',
  'article-magazine': 'news',
  report: 'institute',
};

/**
 * The kind of outlet of a work, by the first rule that applies:
 * 1. its CSL type, when it is one of `BY_CSL_TYPE`;
 * 2. a volume or an issue: a journal (a periodical numbers its issues; "pages" alone is a book chapter too);
 * 3. a publisher, container or author naming a glossary entry of kind `institute`: an institute;
 * 4. one naming an entry of kind `outlet`: news;
 * 5. otherwise: other.
 * Names are found with the glossary's alias matcher, so "Center for Strategic & International Studies (CSIS)"
 * is CSIS and "CTC Sentinel" is the outlet, not the Combating Terrorism Center (CTC) that publishes it.
 * An author counts only when the whole name is a glossary name ("Al Jazeera", "Wilson Center"), so a
 * person called Hudson is not the Hudson Institute.
 */
export function outletKind(source: OutletFields, glossary: readonly GlossaryEntry[]): OutletKind {
  const byType = source.type ? BY_CSL_TYPE[source.type] : undefined;
  if (byType) return byType;
  if (source.volume || source.issue) return 'journal';
  const named = namedKinds(source, matcherFor(glossary), glossary);
  if (named.has('institute')) return 'institute';
  if (named.has('outlet')) return 'news';
  return 'other';
}

type Matcher = ReturnType<typeof createAliasMatcher>;

/** The glossary kinds the work's publisher, container and (whole) author names name. */
function namedKinds(source: OutletFields, match: Matcher, glossary: readonly GlossaryEntry[]): Set<GlossaryEntry['kind']> {
  const kinds = new Set<GlossaryEntry['kind']>();
  const add = (found: readonly (string | AliasMatch)[]) => {
    for (const m of found) if (typeof m !== 'string') kinds.add(glossary[m.entry]!.kind);
  };
  for (const field of [source.publisher, source.container]) if (field) add(match(field));
  for (const author of source.authors) {
    const found = match(author);
    if (found.length === 1) add(found);
  }
  return kinds;
}

// Compiling a matcher tokenizes every glossary name: once per glossary, not once per work.
const matchers = new WeakMap<readonly GlossaryEntry[], Matcher>();

function matcherFor(glossary: readonly GlossaryEntry[]): Matcher {
  let match = matchers.get(glossary);
  if (!match) matchers.set(glossary, (match = createAliasMatcher(glossary)));
  return match;
}
