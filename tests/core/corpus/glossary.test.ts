import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAliasExpander, expandWithGlossary, parseGlossary } from '../../../src/core/corpus/glossary';

const glossary = parseGlossary(readFileSync(new URL('../../../corpus/glossary.json', import.meta.url), 'utf8'));
const expand = createAliasExpander(glossary);

describe('parseGlossary()', () => {
  it('reads the shipped glossary', () => {
    const iskp = glossary.find((e) => e.canonical === 'Islamic State Khorasan Province')!;
    expect(iskp.kind).toBe('group');
    expect(iskp.aliases).toEqual(expect.arrayContaining(['ISKP', 'ISK', 'IS-K', 'ISIS-K', 'ISIS-KP', 'IS-KP', 'Islamic State-Khorasan', 'Islamic State Khorasan', 'Daesh Khorasan']));
    for (const name of ['Islamic State', 'Tehrik-e-Taliban Pakistan', 'Taliban', 'Combating Terrorism Center at West Point', 'United States Institute of Peace', 'Washington Post', 'New York Times', 'South China Morning Post', 'Central Asia', 'Khorasan', 'caliphate', 'kinetic action', 'media warfare']) {
      expect(glossary.some((e) => e.canonical === name)).toBe(true);
    }
  });

  it('rejects a bad kind, a missing field and a name claimed by two entries', () => {
    expect(() => parseGlossary('{"entries":[{"canonical":"X","aliases":[],"kind":"planet"}]}')).toThrow(/glossary: entries\.0\.kind/);
    expect(() => parseGlossary('{"entries":[{"canonical":"X"}]}')).toThrow(/glossary: entries\.0\.aliases/);
    expect(() => parseGlossary('{"entries":[{"canonical":"X","aliases":["Y"],"kind":"term"},{"canonical":"Z","aliases":["y"],"kind":"term"}]}')).toThrow('glossary: "y" names both "X" and "Z"');
    expect(() => parseGlossary('not json')).toThrow(/glossary: not valid JSON/);
  });
});

describe('createAliasExpander()', () => {
  it('expands ISIS-K to the other names of Islamic State Khorasan Province', () => {
    const extra = expand('Who funds ISIS-K?');
    expect(extra).toEqual(expect.arrayContaining(['Islamic State Khorasan Province', 'ISKP', 'ISK', 'Daesh Khorasan']));
    expect(extra).not.toContain('ISIS-K');
    // "ISIS-K" is one name, not ISIS plus a letter.
    expect(extra).not.toContain('Islamic State of Iraq and the Levant');
  });

  it('hands out one shared, frozen array for queries that use the same names', () => {
    const first = expand('Who funds ISIS-K?');
    expect(expand('Where does ISIS-K recruit?')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(expand('Who funds ISKP?')).not.toEqual(first);
  });

  it('does not read the word "is" as the acronym IS', () => {
    const extra = expand('what is ISKP');
    expect(extra).toContain('Islamic State Khorasan Province');
    expect(extra).not.toContain('ISIL');
    expect(expand('Is this true and is it new?')).toEqual([]);
  });

  it('does not read an initial ("Robinson, K.") as IS-K, whose "IS" a tokenizer drops', () => {
    expect(expand('Robinson, K. (2023)')).toEqual([]);
    expect(expand('Where is IS-K active?')).toEqual(expect.arrayContaining(['Islamic State Khorasan Province']));
  });

  it('reads the uppercase standalone IS as the Islamic State', () => {
    expect(expand('IS fighters in Syria')).toEqual(expect.arrayContaining(['Islamic State', 'ISIS', 'Daesh', 'Syrian']));
  });

  it('matches other acronyms and phrases in any case, and only as whole words', () => {
    expect(expand('what did cfr say')).toEqual(['Council on Foreign Relations']);
    expect(expand('the combating terrorism center piece')).toEqual(expect.arrayContaining(['Combating Terrorism Center at West Point', 'CTC']));
    expect(expand('the ctc sentinel piece')).toEqual(expect.arrayContaining(['CTC Sentinel']));
    expect(expand('daesh khorasan')).toContain('ISKP');
    expect(expand('Kabulistan and Irani')).toEqual([]);
  });

  it('treats hyphens, spaces and curly apostrophes alike', () => {
    expect(expand('Islamic State - Khorasan Province')).toContain('ISKP');
    expect(expand('the Islamic State’s caliphate')).toEqual(expect.arrayContaining(['ISIS', 'khilafah']));
  });

  it('expands demonyms and terms', () => {
    expect(expand('Tajik recruits')).toContain('Tajikistan');
    expect(expand('ISKP media warfare')).toContain('propaganda');
    expect(expand('kinetic action')).toContain('attacks');
    expect(expand('Pakistani Taliban')).toEqual(expect.arrayContaining(['Tehrik-e-Taliban Pakistan', 'TTP']));
  });

  it('returns each phrase once and none the query already uses', () => {
    const extra = expand('ISKP, also called ISK or Islamic State Khorasan Province');
    expect(new Set(extra).size).toBe(extra.length);
    expect(extra).not.toContain('ISK');
    expect(extra).not.toContain('Islamic State Khorasan Province');
  });

});

describe('expandWithGlossary()', () => {
  it('gives the same result as a compiled expander', () => {
    expect(expandWithGlossary('WaPo on ISIS', glossary)).toEqual(expand('WaPo on ISIS'));
  });
});
