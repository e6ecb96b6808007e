import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../../src/config';
import type { AskResponse, Answerer } from '../../../../src/core/answer/types';
import type { Briefing, BriefRequest } from '../../../../src/core/brief/types';
import { parseGlossary } from '../../../../src/core/corpus/glossary';
import { parseSeed } from '../../../../src/core/corpus/parse-seed';
import { silentLogger } from '../../../../src/core/log';
import { createApp } from '../../../../src/server/app';
import type { AppDeps, Listing } from '../../../../src/server/env';

const ROOT = join(import.meta.dirname, '../../../..');

/** A realistic briefing (tests/fixtures/briefing.json), fresh for each caller to change. */
export const fixtureBriefing = (): Briefing => JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/briefing.json'), 'utf8')) as Briefing;

/** The seed corpus's records and glossary, as the search index holds them; no embedding needed. */
export function seedCatalogue() {
  const sources = parseSeed(readFileSync(join(ROOT, 'corpus/000_62fae53512a10254.txt'), 'utf8'));
  const glossary = parseGlossary(readFileSync(join(ROOT, 'corpus/glossary.json'), 'utf8'));
  return { sources, glossary, sourceById: new Map(sources.map((s) => [s.id, s])) };
}

/** An answerer whose `brief` returns `briefing` (and records each request); `ask` answers anything briefly. */
export function standInAnswerer(briefing: (request: BriefRequest) => Briefing = fixtureBriefing) {
  const requests: BriefRequest[] = [];
  const response: AskResponse = { answer: 'A stand-in answer.', answerable: true, citations: [], mode: 'extractive', followUps: [], query: '' };
  const answerer: Answerer = {
    ask: async () => response,
    async *stream() {
      yield { type: 'end', response };
    },
    brief: async (request) => {
      requests.push(request);
      return briefing(request);
    },
  };
  return { answerer, requests };
}

/** The real app over the seed catalogue and a stand-in answerer, driven through `app.request()` from one client address. */
export function briefPageApp({ env = {}, answerer = standInAnswerer().answerer, deps = {} }: { env?: Record<string, string>; answerer?: Answerer; deps?: Partial<AppDeps> } = {}) {
  const { sources, glossary, sourceById } = seedCatalogue();
  const index: Listing & { glossary: typeof glossary } = { embedder: { name: 'stand-in', model: 'stand-in', dimension: 1 }, sources, chunks: [], sourceById, glossary };
  const app = createApp({ config: parseConfig({ EMBEDDER: 'lexical', ...env }), logger: silentLogger, ready: () => ({ index, answerer }), waitUntil: () => {}, ...deps });
  const get = (path: string) => app.request(`http://localhost${path}`);
  return { app, get };
}
