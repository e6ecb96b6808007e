import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus/load-corpus';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const SEED = '000_62fae53512a10254.txt';
const seed = { name: SEED, text: read(`../../../corpus/${SEED}`) };
const glossary = { name: 'glossary.json', text: read('../../../corpus/glossary.json') };
const fixture = (name: string) => ({ name, text: read(`../../fixtures/corpus/${name}`) });

describe('loadCorpus()', () => {
  it('loads the seed and the glossary', () => {
    const corpus = loadCorpus([glossary, seed]);
    expect(corpus.errors).toEqual([]);
    expect(corpus.sources).toHaveLength(26);
    expect(corpus.sources[0]!.id).toBe('tassev-2024');
    expect(corpus.glossary.length).toBeGreaterThan(20);
  });

  it('puts the seed first, then the other files by name, whatever the input order', () => {
    const files = [fixture('zotero-export.json'), fixture('field-report.txt'), glossary, seed, fixture('analyst-notes.md')];
    const a = loadCorpus(files);
    const b = loadCorpus([...files].reverse());
    expect(a).toEqual(b);
    expect([...new Set(a.sources.map((s) => s.file))]).toEqual([SEED, 'analyst-notes.md', 'field-report.txt', 'zotero-export.json']);
  });

  it('detects the seed by content, not by its name', () => {
    const corpus = loadCorpus([{ name: 'renamed.txt', text: seed.text }]);
    expect(corpus.sources.map((s) => s.kind).slice(0, 3)).toEqual(['paper', 'abstract', 'reference']);
  });

  it('suffixes ids that collide across files', () => {
    const corpus = loadCorpus([seed, fixture('zotero-export.json')]);
    const ids = corpus.sources.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('jadoon-2023'))).toEqual(['jadoon-2023', 'jadoon-2023-b', 'jadoon-2023-c']);
    expect(corpus.sources.find((s) => s.id === 'jadoon-2023')!.file).toBe(SEED);
  });

  it('reports a bad file by name and message and still loads the rest', () => {
    const corpus = loadCorpus([seed, fixture('unterminated.md'), fixture('bad-csl.json'), fixture('analyst-notes.md'), { name: 'scan.pdf', text: '%PDF' }]);
    expect(corpus.errors.map((e) => e.file)).toEqual(['bad-csl.json', 'scan.pdf', 'unterminated.md']);
    expect(corpus.errors[2]!.message).toMatch(/never closed/);
    expect(corpus.errors[1]!.message).toMatch(/unsupported file type/);
    expect(corpus.sources).toHaveLength(27);
    expect(corpus.sources[26]!.file).toBe('analyst-notes.md');
  });

  it('reports a broken glossary and keeps serving sources', () => {
    const corpus = loadCorpus([seed, { name: 'glossary.json', text: '{"entries": 3}' }]);
    expect(corpus.glossary).toEqual([]);
    expect(corpus.errors).toEqual([{ file: 'glossary.json', message: expect.stringMatching(/^glossary: entries/) }]);
    expect(corpus.sources).toHaveLength(26);
  });

  it('ignores hidden files', () => {
    expect(loadCorpus([{ name: '.gitkeep', text: '' }])).toEqual({ sources: [], glossary: [], errors: [] });
  });
});
