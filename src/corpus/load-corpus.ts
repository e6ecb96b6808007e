import { parseGlossary } from './glossary.js';
import { parseCsl } from './parse-csl.js';
import { parseMarkdown } from './parse-markdown.js';
import { isSeedDocument, parseSeed } from './parse-seed.js';
import { uniqueId } from './source-id.js';
import type { Corpus, GlossaryEntry, Source } from './types.js';

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
      const parsed = parseFile(file);
      if (parsed.kind === 'glossary') {
        glossary.push(...parsed.entries);
      } else {
        // Earlier files keep their ids; a later duplicate gets -b, -c, … so citations never collide.
        for (const s of parsed.sources) sources.push({ ...s, id: uniqueId(s.id, taken), file: file.name });
      }
    } catch (err) {
      errors.push({ file: file.name, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { sources, glossary, errors };
}

type Parsed = { kind: 'sources'; sources: Source[] } | { kind: 'glossary'; entries: GlossaryEntry[] };

function parseFile(file: CorpusFile): Parsed {
  const base = baseName(file.name).toLowerCase();
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.')) : '';
  if (base === 'glossary.json') return { kind: 'glossary', entries: parseGlossary(file.text) };
  if (ext === '.json') return { kind: 'sources', sources: parseCsl(file.text, file.name) };
  if (ext === '.txt' && isSeedDocument(file.text)) return { kind: 'sources', sources: parseSeed(file.text, file.name) };
  if (ext === '.md' || ext === '.markdown' || ext === '.txt') return { kind: 'sources', sources: [parseMarkdown(file.text, file.name)] };
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
