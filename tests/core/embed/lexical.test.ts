import { describe, expect, it } from 'vitest';
import { createLexicalEmbedder } from '../../../src/core/embed/lexical';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(cosine(a, a));

async function similarity(a: string, b: string): Promise<number> {
  const [x, y] = await createLexicalEmbedder().embed([a, b]);
  return cosine(x!, y!);
}

describe('lexical embedder', () => {
  it('describes itself with a versioned model tag and its dimension', () => {
    const e = createLexicalEmbedder({ dimension: 128 });
    expect(e).toMatchObject({ name: 'lexical', model: 'lexical-v1-128', dimension: 128 });
    expect(createLexicalEmbedder().dimension).toBe(256);
  });

  it('is deterministic across calls and instances', async () => {
    const text = 'ISKP recruited Tajik fighters after 2021.';
    const [a] = await createLexicalEmbedder().embed([text]);
    const [b] = await createLexicalEmbedder().embed([text]);
    const [, c] = await createLexicalEmbedder().embed(['something else entirely', text]);
    expect(Array.from(a!)).toEqual(Array.from(b!));
    expect(Array.from(a!)).toEqual(Array.from(c!));
  });

  it('returns one unit-length vector per text, in order, even for empty or stopword-only text', async () => {
    const texts = ['Islamic State Khorasan Province', '', 'who is it?', '!!!', 'ок, Кабул', 'x'.repeat(5000)];
    const vectors = await createLexicalEmbedder({ dimension: 64 }).embed(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(64);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(await createLexicalEmbedder().embed([])).toEqual([]);
  });

  it('gives a long passage the same vector whether or not its buffers were already grown', async () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${(i * 7919) % 5003}x${String.fromCharCode(97 + (i % 26))}`);
    const long = words.join(' ');
    const warm = createLexicalEmbedder();
    const [first] = await warm.embed([long]);
    const [second] = await warm.embed(['short', long]).then((v) => [v[1]]);
    const [fresh] = await createLexicalEmbedder().embed([long]);
    expect(norm(first!)).toBeCloseTo(1, 5);
    expect(Array.from(second!)).toEqual(Array.from(first!));
    expect(Array.from(fresh!)).toEqual(Array.from(first!));
  });

  it('puts a paraphrase closer than unrelated text', async () => {
    const text = 'ISKP reorganized its leadership after the attacks in Kabul';
    const paraphrase = 'After the Kabul attacks, ISKP was reorganizing its leaders';
    const unrelated = 'The weather in Paris was sunny with light winds today';
    const close = await similarity(text, paraphrase);
    const far = await similarity(text, unrelated);
    expect(close).toBeGreaterThan(0.5);
    expect(close).toBeGreaterThan(far + 0.4);
  });

  it('puts transliteration variants and derived names near each other', async () => {
    // Single words are the hard case: at 256 dimensions unrelated words still score ±0.1.
    const khorasan = await similarity('Khurasan', 'Khorasan');
    expect(khorasan).toBeGreaterThan(0.2);
    expect(khorasan).toBeGreaterThan((await similarity('Khurasan', 'Baghdad')) + 0.15);
    const tajik = await similarity('Tajik', 'Tajikistan');
    expect(tajik).toBeGreaterThan(0.2);
    expect(tajik).toBeGreaterThan((await similarity('Tajik', 'Pakistan')) + 0.15);
    expect(await similarity('Islamic State Khurasan Province', 'Islamic State Khorasan Province')).toBeGreaterThan(0.6);
  });

  it('ignores case and diacritics', async () => {
    expect(await similarity('Wilāyat Ḫurāsān', 'wilayat hurasan')).toBeCloseTo(1, 5);
  });
});
