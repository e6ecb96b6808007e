import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../../src/core/corpus/sentences';
import { findQuote, QUOTE_CHARS, readQuote } from '../../../../src/server/channels/source-pages/quote';
import { seedSources } from './stand-in';

describe('readQuote', () => {
  it('is null without a q, or with nothing but whitespace', () => {
    expect(readQuote(undefined)).toBeNull();
    expect(readQuote('')).toBeNull();
    expect(readQuote(' \n\t ')).toBeNull();
  });

  it('trims the quote', () => {
    expect(readQuote('  a passage \n')).toBe('a passage');
  });

  it(`reads the first ${QUOTE_CHARS} characters of a longer q and ignores the rest`, () => {
    const quote = readQuote('a'.repeat(QUOTE_CHARS) + 'b'.repeat(10_000));
    expect(quote).toBe('a'.repeat(QUOTE_CHARS));
  });

  it('replaces lone surrogates, including half a pair cut at the limit, and keeps whole pairs', () => {
    expect(readQuote('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
    expect(readQuote('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
    expect(readQuote('ok 😀')).toBe('ok 😀');
    const cut = readQuote('a'.repeat(QUOTE_CHARS - 1) + '😀')!;
    expect(cut).toBe('a'.repeat(QUOTE_CHARS - 1) + '\uFFFD');
    expect(cut).not.toMatch(/[\uD800-\uDFFF]/);
  });
});

describe('findQuote', () => {
  const text = 'ISKP’s “media warfare” grew.  It   recruits\nin Tajik — and Uzbek.\u00A0It still presents a danger.';

  it('finds a verbatim passage: its start and end in the text', () => {
    const range = findQuote(text, 'It still presents a danger.')!;
    expect(text.slice(range.start, range.end)).toBe('It still presents a danger.');
  });

  it('finds the first occurrence of a passage that occurs twice', () => {
    expect(findQuote('one two. one two.', 'one two')).toEqual({ start: 0, end: 7 });
  });

  it('lets any run of whitespace (newlines, non-breaking spaces) match any other', () => {
    const range = findQuote(text, 'grew. It recruits in Tajik')!;
    expect(text.slice(range.start, range.end)).toBe('grew.  It   recruits\nin Tajik');
    const across = findQuote(text, 'Uzbek. It still')!;
    expect(text.slice(across.start, across.end)).toBe('Uzbek.\u00A0It still');
  });

  it('lets straight quotes and hyphens match typographic ones, and the other way round', () => {
    const range = findQuote(text, `ISKP's "media warfare"`)!;
    expect(text.slice(range.start, range.end)).toBe('ISKP’s “media warfare”');
    expect(findQuote(text, 'Tajik - and')).not.toBeNull();
    expect(findQuote('it isn\'t "so"', 'isn’t “so”')).toEqual({ start: 3, end: 13 });
  });

  it('skips soft hyphens and zero-width characters on either side', () => {
    expect(findQuote('re\u00ADorganizing', 'reorganizing')).toEqual({ start: 0, end: 13 });
    expect(findQuote('reorganizing', 're\u200Borganizing')).toEqual({ start: 0, end: 12 });
  });

  it('is null for a passage the text does not hold, an empty quote, or a change of case', () => {
    expect(findQuote(text, 'It no longer presents a danger.')).toBeNull();
    expect(findQuote(text, '   ')).toBeNull();
    expect(findQuote(text, 'it still presents')).toBeNull();
  });

  it('handles hostile quotes without error: markup, lone surrogates, 10 KB', () => {
    expect(findQuote(text, '<script>alert(1)</script>')).toBeNull();
    expect(findQuote(text, '\uD800')).toBeNull();
    expect(findQuote(text, 'x'.repeat(10_000))).toBeNull();
    expect(findQuote('a'.repeat(20_000), `${'a'.repeat(1999)}b`)).toBeNull();
  });

  it('keeps an astral character whole at the end of the range', () => {
    const range = findQuote('see 😀 here', 'see 😀')!;
    expect('see 😀 here'.slice(range.start, range.end)).toBe('see 😀');
  });
});

describe('findQuote over the seed corpus', () => {
  it('finds every quote a citation carries: each abstract sentence, each record’s title and whole text', () => {
    for (const source of seedSources()) {
      const quotes = [source.text, source.kind === 'abstract' ? null : source.title, ...splitSentences(source.text).map((s) => s.text)];
      for (const quote of quotes) {
        if (quote === null) continue;
        const range = findQuote(source.text, quote);
        expect(range, `${source.id}: ${quote}`).not.toBeNull();
        expect(source.text.slice(range!.start, range!.end)).toBe(quote);
      }
    }
  });
});
