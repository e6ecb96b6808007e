import { describe, expect, it } from 'vitest';
import { formatCitation } from '../../../../src/core/corpus/format-citation';
import { escapeHtml } from '../../../../src/server/html';
import { renderSourcePage } from '../../../../src/server/channels/source-pages/render-page';
import { seedSources, source } from './stand-in';

const seed = seedSources();
const byId = (id: string) => seed.find((s) => s.id === id)!;
const abstract = byId('tassev-2024-abstract');
const SENTENCE = 'The military and political pressures have caused it to restructure or face a more lasting attenuation.';

describe('renderSourcePage', () => {
  it('shows an abstract as its sentences, each anchored, and marks the quote at #quote', () => {
    const html = renderSourcePage({ source: abstract, paperId: 'tassev-2024', quote: SENTENCE });
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain(`<span class="sentence" id="s-9"><mark class="quote" id="quote">${SENTENCE}</mark></span>`);
    expect(html.match(/class="sentence" id="s-\d+"/g)).toHaveLength(12);
    expect(html).not.toContain('class="notice"');
  });

  it('shows no mark, and says so, when the quote is not in the text', () => {
    const html = renderSourcePage({ source: abstract, paperId: 'tassev-2024', quote: 'ISKP has disbanded.' });
    expect(html).not.toContain('<mark');
    expect(html).toContain('<p class="notice">The passage this link quotes is not in the text below word for word.</p>');
    expect(html).not.toContain('ISKP has disbanded');
  });

  it('shows a reference as its entry, the quoted title marked', () => {
    const hamming = byId('hamming-2023');
    const html = renderSourcePage({ source: hamming, paperId: 'tassev-2024', quote: hamming.title });
    expect(html).toContain(`<mark class="quote" id="quote">${escapeHtml(hamming.title)}</mark>`);
    expect(html).toMatch(/<p class="entry">Hamming, T\. \(2023\)\. <mark/);
    expect(html).not.toContain('class="sentence"');
  });

  it('lists every field the record has', () => {
    const html = renderSourcePage({ source: byId('tassev-2024'), paperId: 'tassev-2024', quote: null });
    for (const [name, value] of [
      ['Title', 'The Islamic State-Khorasan’s Recent Reorganization and Remaining Threat for Central Asia in 2024'],
      ['Author', 'Tassev, I. V.'],
      ['Year', 'June 2024'],
      ['Published in', '<cite>Asian Journal of Research in Education and Social Sciences</cite>'],
      ['Volume', '6'],
      ['Issue', '2'],
      ['Pages', '475-479'],
      ['Accessed', '26 July 2024'],
      ['Kind', 'The paper'],
    ]) {
      expect(html).toContain(`<dt>${name}</dt><dd>${value}</dd>`);
    }
    expect(html).toContain('<a href="/sources/tassev-2024" aria-current="page">The paper</a>');
  });

  it('offers each format to copy and download, the text exactly formatCitation’s', () => {
    const html = renderSourcePage({ source: abstract, paperId: 'tassev-2024', quote: null });
    for (const [format, label, file] of [['apa', 'APA', 'txt'], ['bibtex', 'BibTeX', 'bib'], ['ris', 'RIS', 'ris'], ['csl', 'CSL-JSON', 'json']] as const) {
      expect(html).toContain(`<pre id="cite-${format}" class="citation">${escapeHtml(formatCitation(abstract, format))}</pre>`);
      expect(html).toContain(`<button type="button" class="copy" data-copy="cite-${format}" data-label="${label}" hidden>Copy ${label}</button>`);
      expect(html).toContain(`<a class="download" href="/sources/tassev-2024-abstract/export?format=${format}" download="tassev-2024-abstract.${file}">Download ${label}</a>`);
    }
    expect(html).toContain('<p id="copy-status" class="status" role="status" aria-live="polite"></p>');
    expect(html).toMatch(/<script src="\/sources\.js\?v=[0-9a-f]{16}" defer><\/script>/);
  });

  it('has the landmarks and links a reader needs', () => {
    const html = renderSourcePage({ source: abstract, paperId: 'tassev-2024', quote: null });
    expect(html).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(html).toContain('<nav aria-label="Sources">');
    expect(html).toContain('<main id="main" class="page">');
    expect(html).toContain('<a href="/sources">All sources</a>');
    expect(html).toContain('<a href="/sources/tassev-2024">The paper</a>');
    expect(html).toContain('<footer class="site">');
    expect(html).not.toMatch(/ style=|<script>| on\w+=/);
  });

  it('escapes every field of a hostile record, and links a URL only when it is http(s)', () => {
    const evil = '<img src=x onerror="alert(1)">';
    const record = source({ id: 'evil-"id"', kind: 'document', title: evil, text: `${evil} Second sentence.`, authors: [evil], publisher: evil, url: 'javascript:alert(1)' });
    const html = renderSourcePage({ source: record, quote: null });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<dt>URL</dt><dd>javascript:alert(1)</dd>');
    expect(html).toContain('/sources/evil-%22id%22/export?format=apa');
    expect(html).not.toContain('The paper</a>');
    const linked = renderSourcePage({ source: { ...record, url: 'https://example.org/a?b=1&c="2"' }, quote: null });
    expect(linked).toContain('<a href="https://example.org/a?b=1&amp;c=&quot;2&quot;" rel="noopener noreferrer">');
  });

  it('shows a document as its sentences, like an abstract', () => {
    const doc = source({ id: 'notes-2024', kind: 'document', title: 'Field notes', text: 'One. Two.\n\nThree.' });
    const html = renderSourcePage({ source: doc, quote: 'Three.' });
    expect(html).toContain('<p><span class="sentence" id="s-3"><mark class="quote" id="quote">Three.</mark></span></p>');
  });
});
