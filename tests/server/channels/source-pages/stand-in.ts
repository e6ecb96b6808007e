import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../../src/config';
import type { AskResponse, Answerer } from '../../../../src/core/answer/types';
import { parseGlossary } from '../../../../src/core/corpus/glossary';
import { parseSeed } from '../../../../src/core/corpus/parse-seed';
import type { Source } from '../../../../src/core/corpus/types';
import { silentLogger } from '../../../../src/core/log';
import { createApp } from '../../../../src/server/app';
import type { AppDeps, Listing } from '../../../../src/server/env';

const ROOT = join(import.meta.dirname, '../../../..');

/** The seed corpus's records, as the search index holds them. */
export const seedSources = (): Source[] => parseSeed(readFileSync(join(ROOT, 'corpus/000_62fae53512a10254.txt'), 'utf8'));

/** A record with every field empty but the ones given. */
export function source(fields: Partial<Source> & Pick<Source, 'id' | 'kind' | 'title' | 'text'>): Source {
  return { authors: [], editors: [], year: null, container: null, volume: null, issue: null, pages: null, publisher: null, ...fields };
}

/** An answerer that must not be asked: source pages read the index only. */
const unused: Answerer = {
  ask: async () => {
    throw new Error('source pages asked the answerer');
  },
  async *stream(): AsyncGenerator<{ type: 'end'; response: AskResponse }> {
    throw new Error('source pages asked the answerer');
  },
  brief: async () => {
    throw new Error('source pages asked the answerer');
  },
};

/** The real app over the seed records (plus `extra`), driven through `app.request()` on localhost. */
export function sourcePagesApp({ env = {}, extra = [], deps = {} }: { env?: Record<string, string>; extra?: Source[]; deps?: Partial<AppDeps> } = {}) {
  const sources = [...seedSources(), ...extra];
  const glossary = parseGlossary(readFileSync(join(ROOT, 'corpus/glossary.json'), 'utf8'));
  const index: Listing = { embedder: { name: 'stand-in', model: 'stand-in', dimension: 1 }, sources, chunks: [], sourceById: new Map(sources.map((s) => [s.id, s])), glossary };
  const app = createApp({ config: parseConfig({ EMBEDDER: 'lexical', ...env }), logger: silentLogger, ready: () => ({ index, answerer: unused }), waitUntil: () => {}, ...deps });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`http://localhost${path}`, { headers });
  return { app, get, sources };
}
