import { parseGlossary } from './glossary';
import { parseCsl } from './parse-csl';
import { parseMarkdown } from './parse-markdown';
import { isSeedDocument, parseSeed } from './parse-seed';
import { uniqueId } from './source-id';
import type { Corpus, GlossaryEntry, Source } from './types';

export interface CorpusFile {
  /** Path relative to the corpus folder, e.g. `000_62fae53512a10254.txt` or `notes/iskp.md`. */
  name: string;
  text: string;
}

/**
 * Build the corpus from already-read files (reading is the runtime's job: Node fs, Workers assets).
 * One bad file must not take the service down, so a file that fails is reported in `errors` and skipped.
 * Order is deterministic — seed first, then the other files by name — so ids and answers are stable.
 */
export function loadCorpus(files: readonly CorpusFile[]): Corpus {
  const sources: Source[] = [];
  const glossary: GlossaryEntry[] = [];
  const errors: Corpus['errors'] = [];
  const taken = new Set<string>();

  for (const file of ordered(files)) {
    try {
      // Ids are claimed on a copy, so a file that fails half-way leaves no holes in the id space.
      const claimed = new Set(taken);
      const parsed = parseFile(file, claimed);
      if (parsed.kind === 'glossary') {
        glossary.push(...parsed.entries);
      } else {
        for (const s of parsed.sources) sources.push({ ...s, file: file.name });
        for (const id of claimed) taken.add(id);
      }
    } catch (err) {
      errors.push({ file: file.name, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { sources, glossary, errors };
}

type Parsed = { kind: 'sources'; sources: Source[] } | { kind: 'glossary'; entries: GlossaryEntry[] };

/**
 * Earlier files keep their ids; a later duplicate gets -b, -c, … (from the base id, via the shared
 * `taken` set) so citations never collide.
 */
function parseFile(file: CorpusFile, taken: Set<string>): Parsed {
  const base = baseName(file.name).toLowerCase();
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.')) : '';
  if (base === 'glossary.json') return { kind: 'glossary', entries: parseGlossary(file.text) };
  if (ext === '.json') return { kind: 'sources', sources: parseCsl(file.text, file.name, taken) };
  if (ext === '.txt' && isSeedDocument(file.text)) return { kind: 'sources', sources: parseSeed(file.text, file.name, taken) };
  if (ext === '.md' || ext === '.markdown' || ext === '.txt') {
    const doc = parseMarkdown(file.text, file.name);
    return { kind: 'sources', sources: [{ ...doc, id: uniqueId(doc.id, taken) }] };
  }
  throw new Error(`${file.name}: unsupported file type "${ext || '(none)'}" (expected .txt, .md, .markdown or .json)`);
}

/** Seed documents first, then everything else; each group by name (code-unit order, locale-independent). */
function ordered(files: readonly CorpusFile[]): CorpusFile[] {
  const visible = files.filter((f) => !baseName(f.name).startsWith('.')); // .gitkeep, .DS_Store
  const byName = (a: CorpusFile, b: CorpusFile): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const isSeed = (f: CorpusFile): boolean => f.name.toLowerCase().endsWith('.txt') && isSeedDocument(f.text);
  return [...visible.filter(isSeed).sort(byName), ...visible.filter((f) => !isSeed(f)).sort(byName)];
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}
