import { describe, expect, it } from 'vitest';
import { createWordNet, LEXICOGRAPHER_FILES, parseSynset, type WordNetPos } from '../../../../src/runtime/node/wordnet/parse-wordnet';

/**
 * Data files as WordNet writes them: a license header of lines starting with spaces, then one
 * synset a line whose offset is its byte offset. `{name}` in a template stands for the offset of
 * the line named `name`, in whichever file (8 digits, so lengths do not depend on the values).
 */
function dataFiles<F extends string>(files: Record<F, Record<string, string>>): { texts: Record<F, string>; offsets: Record<string, string> } {
  const header = '  1 This software and database is being provided to you, the LICENSEE...\n  2 \n';
  const offsets: Record<string, string> = {};
  for (const lines of Object.values<Record<string, string>>(files)) {
    let at = header.length;
    for (const [name, line] of Object.entries(lines)) {
      offsets[name] = String(at).padStart(8, '0');
      at += line.replace(/\{\w+\}/g, '00000000').length + 1;
    }
  }
  const fill = (line: string) => line.replace(/\{(\w+)\}/g, (_, n: string) => offsets[n]!);
  const texts = Object.fromEntries(
    Object.entries<Record<string, string>>(files).map(([file, lines]) => [file, header + Object.values(lines).map((l) => `${fill(l)}\n`).join('')]),
  ) as Record<F, string>;
  return { texts, offsets };
}

// A noun hierarchy (entity > country > Afghanistan), a verb with a derived noun, and an adjective
// with a satellite and a pertainym.
const { texts, offsets } = dataFiles({
  noun: {
    entity: '{entity} 03 n 01 entity 0 001 ~ {country} n 0000 | that which is perceived',
    country: '{country} 14 n 02 country 0 state 1 003 @ {entity} n 0000 ~i {afghanistan} n 0000 + {defeat} v 0201 | a politically organized body',
    afghanistan: '{afghanistan} 15 n 02 Afghanistan 0 Islamic_State_of_Afghanistan 0 001 @i {country} n 0000 | a mountainous landlocked country',
  },
  verb: { defeat: '{defeat} 33 v 02 defeat 0 overcome 0 001 + {country} n 0102 01 + 08 00 | win a victory over' },
  adj: {
    national: '{national} 01 a 01 national(a) 0 002 \\ {country} n 0101 & {state} s 0000 | relating to a nation',
    state: '{state} 00 s 01 state 0 001 & {national} a 0000 | of a state',
  },
  adv: {},
});
const indexFile = (pos: WordNetPos, entries: Record<string, string[]>) =>
  '  1 license\n' +
  Object.entries(entries)
    .map(([lemma, offsets]) => `${lemma} ${pos} ${offsets.length} 1 @ ${offsets.length} 0 ${offsets.join(' ')}  \n`)
    .join('');

const wordnet = createWordNet({
  files: {
    n: {
      data: texts.noun,
      index: indexFile('n', { afghanistan: [offsets.afghanistan!], country: [offsets.country!], entity: [offsets.entity!], state: [offsets.country!] }),
    },
    v: { data: texts.verb, index: indexFile('v', { defeat: [offsets.defeat!], overcome: [offsets.defeat!] }) },
    a: { data: texts.adj, index: indexFile('a', { national: [offsets.national!], state: [offsets.state!] }) },
    r: { data: texts.adv, index: '  1 license\n' },
  },
  senseIndex: "country%1:14:00:: 00000000 1 12\ncountry%1:15:00:: 00000001 2 3\nstate%2:32:00:: 00000002 1 0\nstate%5:00:00:national:00 00000003 1 4\n",
});

describe('parseSynset()', () => {
  it('reads words, lexicographer file and pointers, and skips the gloss', () => {
    const s = parseSynset('08185877 14 n 02 state 0 body_politic 0 002 @ 08376876 n 0000 + 02592711 v 0201 | a politically organized body; "the state has elected"');
    expect(s).toEqual({
      id: 'n08185877',
      pos: 'n',
      lexFile: 14,
      words: ['state', 'body_politic'],
      pointers: [
        { symbol: '@', target: 'n08376876', from: 0, to: 0 },
        { symbol: '+', target: 'v02592711', from: 2, to: 1 },
      ],
    });
    expect(LEXICOGRAPHER_FILES[s.lexFile]).toBe('noun.group');
  });

  it('counts words in hex, and files satellites and markers with their adjective', () => {
    const words = Array.from({ length: 16 }, (_, i) => `w${i} 0`).join(' ');
    expect(parseSynset(`00000001 00 s 10 ${words} 000 | many`).words).toHaveLength(16);
    expect(parseSynset('00000002 00 s 01 galore(ip) 0 001 & 00000003 a 0000 | plenty')).toMatchObject({ id: 'a00000002', pos: 'a', words: ['galore'] });
  });
});

describe('createWordNet()', () => {
  it('finds a synset by its offset, parsing its line only then', () => {
    const country = wordnet.synset(`n${offsets.country}`)!;
    expect(country.words).toEqual(['country', 'state']);
    expect(country.pointers.map((p) => [p.symbol, p.target])).toEqual([
      ['@', `n${offsets.entity}`],
      ['~i', `n${offsets.afghanistan}`],
      ['+', `v${offsets.defeat}`],
    ]);
    expect(wordnet.synset(`n${offsets.country}`)).toBe(country);
  });

  it('has no synset for an offset that does not start a record, nor for a header line', () => {
    expect(wordnet.synset(`n${String(Number(offsets.country) + 1).padStart(8, '0')}`)).toBeUndefined();
    expect(wordnet.synset('n00000000')).toBeUndefined();
    expect(wordnet.synset('x00000001')).toBeUndefined();
  });

  it("lists a lemma's senses in index order, and every lemma of a part of speech", () => {
    expect(wordnet.senses('n', 'state')).toEqual([`n${offsets.country}`]);
    expect(wordnet.senses('v', 'overcome')).toEqual([`v${offsets.defeat}`]);
    expect(wordnet.senses('n', 'nothing')).toEqual([]);
    expect([...wordnet.lemmas('n')]).toEqual(['afghanistan', 'country', 'entity', 'state']);
    expect([...wordnet.lemmas('r')]).toEqual([]);
  });

  it('turns pertainyms round, keeping which word each joins', () => {
    expect(wordnet.pertainymsOf(`n${offsets.country}`)).toEqual([{ symbol: '\\', target: `a${offsets.national}`, from: 1, to: 1 }]);
    expect(wordnet.pertainymsOf(`n${offsets.entity}`)).toEqual([]);
  });

  it("sums a lemma's tags by part of speech, satellites as adjectives", () => {
    expect(wordnet.tagCount('n', 'country')).toBe(15);
    expect(wordnet.tagCount('v', 'state')).toBe(0);
    expect(wordnet.tagCount('a', 'state')).toBe(4);
    expect(wordnet.tagCount('n', 'nothing')).toBe(0);
  });
});
