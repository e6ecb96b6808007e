import { describe, expect, it } from 'vitest';
import { cutLossless, packLines, splitText } from '../../../../src/server/channels/slack/split-text';

const even = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('splitText', () => {
  it('leaves text that fits alone', () => {
    expect(splitText('One sentence [1]. Another [2].', 100)).toEqual(['One sentence [1]. Another [2].']);
  });

  it('cuts between sentences, as many to a piece as fit', () => {
    const text = 'First sentence is here [1]. Second one follows it [2]? Third one ends it [3]! Fourth, “quoted.” Fifth…';
    const pieces = splitText(text, 60);
    expect(pieces).toEqual(['First sentence is here [1]. Second one follows it [2]?', 'Third one ends it [3]! Fourth, “quoted.” Fifth…']);
    expect(pieces.join(' ')).toBe(text);
  });

  it('does not take an initial or “et al.” for the end of a sentence', () => {
    const text = 'Tassev, I. V. (2024) wrote it. Jadoon et al. found more in 2023.';
    expect(splitText(text, 40)).toEqual(['Tassev, I. V. (2024) wrote it.', 'Jadoon et al. found more in 2023.']);
  });

  it('cuts a sentence longer than the limit between words, and only that sentence', () => {
    const long = Array.from({ length: 60 }, (_, i) => `Word${i}`).join(' ');
    const text = `Short one. ${long}. Short two.`;
    const pieces = splitText(text, 100);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(100);
    expect(pieces[0]).toBe('Short one.');
    expect(even(pieces.join(' '))).toBe(text);
    const words = new Set(text.split(' '));
    for (const p of pieces) for (const w of p.split(' ')) expect(words).toContain(w);
  });

  it('cuts one word longer than the limit anywhere but inside an entity or an emoji', () => {
    const word = `${'a'.repeat(97)}&amp;${'b'.repeat(50)}`;
    const pieces = splitText(word, 100);
    expect(pieces[0]).toBe('a'.repeat(97));
    expect(pieces.join('')).toBe(word);
    const emoji = `${'c'.repeat(99)}😀${'d'.repeat(10)}`;
    expect(splitText(emoji, 100)[0]).toBe('c'.repeat(99));
    expect(splitText(emoji, 100).join('')).toBe(emoji);
  });
});

describe('packLines', () => {
  it('packs whole lines into as few chunks as fit', () => {
    expect(packLines(['*Heading*', '• one', '• two'], 15)).toEqual(['*Heading*\n• one', '• two']);
  });

  it('splits only a line too long for a chunk, between its sentences', () => {
    const long = `• ${'Sentence number one is here. '.repeat(8).trim()}`;
    const chunks = packLines(['*Heading*', long, '• short'], 100);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(100);
    expect(chunks[0]).toMatch(/^\*Heading\*\n• Sentence/); // the heading stays with what follows it
    for (const c of chunks.slice(0, -1)) expect(c).toMatch(/here\.$/);
    expect(chunks.at(-1)).toMatch(/here\.\n• short$/);
    expect(even(chunks.join(' '))).toBe(even(['*Heading*', long, '• short'].join(' ')));
  });
});

describe('cutLossless', () => {
  it('cuts after the last line break that fits, keeping every character (streamed Markdown keeps its lines)', () => {
    const text = '- First point [1].\n- Second point [2].\n- Third point [3].';
    const pieces = cutLossless(text, 40);
    expect(pieces).toEqual(['- First point [1].\n- Second point [2].\n', '- Third point [3].']);
    expect(pieces.join('')).toBe(text);
  });

  it('cuts after a space on a long line, and splits no entity in a word longer than a piece', () => {
    expect(cutLossless('aaa bbb ccc', 8)).toEqual(['aaa bbb ', 'ccc']);
    const word = `${'x'.repeat(9)}&amp;y`;
    const pieces = cutLossless(word, 12);
    expect(pieces).toEqual(['x'.repeat(9), '&amp;y']);
    expect(pieces.join('')).toBe(word);
  });

  it('leaves text that fits alone, and nothing as nothing', () => {
    expect(cutLossless('short', 12_000)).toEqual(['short']);
    expect(cutLossless('', 10)).toEqual([]);
  });
});
