import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../../src/core/corpus/sentences';
import { entryHtml, sentencesHtml } from '../../../../src/server/channels/source-pages/source-text';

describe('sentencesHtml', () => {
  const text = 'First one. Second <b>two</b> & more.\n\nThird after a blank line. Fourth.';
  const sentences = splitSentences(text);

  it('gives each sentence an anchor s-n, 1-based, in paragraphs where the text has blank lines', () => {
    expect(sentencesHtml(text, sentences, null)).toBe(
      '<p><span class="sentence" id="s-1">First one.</span> <span class="sentence" id="s-2">Second &lt;b&gt;two&lt;/b&gt; &amp; more.</span></p>\n' +
        '<p><span class="sentence" id="s-3">Third after a blank line.</span> <span class="sentence" id="s-4">Fourth.</span></p>',
    );
  });

  it('marks the quote inside its sentence, with id="quote"', () => {
    const start = text.indexOf('<b>two');
    const html = sentencesHtml(text, sentences, { start, end: start + '<b>two</b>'.length });
    expect(html).toContain('<span class="sentence" id="s-2">Second <mark class="quote" id="quote">&lt;b&gt;two&lt;/b&gt;</mark> &amp; more.</span>');
    expect(html.match(/<mark/g)).toHaveLength(1);
  });

  it('marks a quote across sentences in each, the first one named', () => {
    const start = text.indexOf('more.');
    const html = sentencesHtml(text, sentences, { start, end: text.indexOf(' after') });
    expect(html).toContain('&amp; <mark class="quote" id="quote">more.</mark></span>');
    expect(html).toContain('<span class="sentence" id="s-3"><mark class="quote">Third</mark> after');
    expect(html.match(/id="quote"/g)).toHaveLength(1);
  });
});

describe('entryHtml', () => {
  it('escapes the entry and marks the quote in it', () => {
    const entry = 'Hamming, T. (2023). The "General" Directorate <x>. CTC Sentinel.';
    const start = entry.indexOf('The');
    expect(entryHtml(entry, { start, end: entry.indexOf(' <x>') })).toBe(
      '<p class="entry">Hamming, T. (2023). <mark class="quote" id="quote">The &quot;General&quot; Directorate</mark> &lt;x&gt;. CTC Sentinel.</p>',
    );
    expect(entryHtml(entry, null)).toBe('<p class="entry">Hamming, T. (2023). The &quot;General&quot; Directorate &lt;x&gt;. CTC Sentinel.</p>');
  });
});
