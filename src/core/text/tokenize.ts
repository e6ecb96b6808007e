/**
 * Text → normalised, stemmed content tokens. Shared by the lexical embedder and BM25 so that
 * both sides of retrieval agree on what a "word" is. Web-standard APIs only (runs on Workers).
 */

// Compiled once: tokenising sits on the hot path of ingest and every query.
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const DIGITS_ONLY = /^\p{N}+$/u;

// Short and conservative on purpose: dropping too much hurts exact-phrase questions
// ("who is the leader"); the list is what BM25 and hashing gain nothing from.
const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have ' +
    'having he her here hers herself him himself his how i if in into is it its itself just me more most ' +
    'my myself no nor not now of off on once only or other our ours ourselves out over own same she should ' +
    'so some such than that the their theirs them themselves then there these they this those through to ' +
    'too under until up very was we were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves also may might must shall upon via within without among amongst ' +
    // Contraction debris left after splitting on apostrophes ("don't" → "don", "t").
    's t d ll m re ve don doesn didn isn wasn aren weren wouldn shouldn couldn'
  ).split(' '),
);

/**
 * Suffix rules, first match wins: [suffix, replacement]. A rule applies only when at least
 * MIN_STEM letters remain, so short words ("nation", "thing", "used") survive untouched.
 * Plural "s" is removed before these run, so only plurals ending in "es"/"ies" need rules.
 * Order matters: "reorganization", "reorganizing", "reorganized", "reorganises" and
 * "reorganize" must all land on "reorganiz".
 */
const SUFFIX_RULES: ReadonlyArray<readonly [string, string]> = [
  ['ization', 'iz'],
  ['isation', 'iz'],
  ['ations', 'at'],
  ['ation', 'at'],
  ['nesses', ''],
  ['ness', ''],
  ['ement', ''],
  ['ment', ''],
  ['ities', ''],
  ['ity', ''],
  ['ically', ''],
  ['ical', ''],
  ['ist', ''],
  ['ism', ''],
  ['ising', 'iz'],
  ['ised', 'iz'],
  ['ises', 'iz'],
  ['ise', 'iz'],
  ['ing', ''],
  ['edly', ''],
  ['ed', ''],
  ['er', ''],
  ['ies', 'y'],
  ['ly', ''],
  ['es', ''],
  ['ic', ''],
];
const MIN_STEM = 3;
// Suffix-stripped verbs double their final consonant ("planned" → "plann"); undo that,
// except for letters English keeps doubled in the base form ("kill", "pass", "buzz").
const UNDOUBLE_AFTER: ReadonlySet<string> = new Set(['ed', 'ing', 'er', 'edly']);
const KEEP_DOUBLE: ReadonlySet<string> = new Set(['l', 's', 'z']);

/** Light English suffix stemmer: cheap, deterministic, good enough for recall, not linguistics. */
export function stem(word: string): string {
  if (word.length <= MIN_STEM || DIGITS_ONLY.test(word)) return word;
  let w = word;
  // Plural "s" first, but not "ss" ("pass"), "us" ("status") or "is" ("isis", "analysis").
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') && !w.endsWith('ies') && !w.endsWith('es')) {
    if (w.length - 1 >= MIN_STEM) w = w.slice(0, -1);
  }
  for (const [suffix, replacement] of SUFFIX_RULES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= MIN_STEM) {
      w = w.slice(0, w.length - suffix.length) + replacement;
      if (UNDOUBLE_AFTER.has(suffix)) w = undouble(w);
      break;
    }
  }
  // Final silent "e" so "reorganize" meets "reorganized", "force" meets "forces".
  if (w.endsWith('e') && w.length - 1 >= MIN_STEM) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const n = w.length;
  if (n >= MIN_STEM + 1 && w[n - 1] === w[n - 2] && !KEEP_DOUBLE.has(w[n - 1]!) && !isVowel(w[n - 1]!)) {
    return w.slice(0, -1);
  }
  return w;
}

function isVowel(c: string): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
}

/** Lowercase, diacritics stripped ("Ḫurāsān" → "hurasan"), split on anything not a letter or digit. */
export function normalizeWords(text: string): string[] {
  let t = text.toLowerCase();
  if (NON_ASCII.test(t)) t = t.normalize('NFKD').replace(COMBINING_MARKS, '');
  return t.match(WORD) ?? [];
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Normalised, stemmed content tokens in text order (stopwords dropped). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const w of normalizeWords(text)) {
    if (!STOPWORDS.has(w)) out.push(stemmed(w));
  }
  return out;
}

// A corpus has a vocabulary of a few thousand words and questions reuse it, so each word is
// stemmed once; the bound only matters for an unusually varied corpus, which starts afresh.
// Not `memoize` from ../memo: the embedder's files import only each other, so a test can check
// them file by file for Web-standard APIs (tests/core/embed/lexical.test.ts).
const stems = new Map<string, string>();
const STEMS_KEPT = 100_000;

function stemmed(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear();
    stems.set(word, (s = stem(word)));
  }
  return s;
}
