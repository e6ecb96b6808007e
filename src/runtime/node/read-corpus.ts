import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const CORPUS_FILE = /\.(txt|md|markdown|json)$/i;

/** Every corpus file in a folder (not recursive, hidden files skipped), sorted by name. */
export async function readCorpusFiles(dir: string): Promise<{ name: string; text: string }[]> {
  const names = (await readdir(dir)).filter((n) => CORPUS_FILE.test(n) && !n.startsWith('.')).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
}
