import { describe, expect, it } from 'vitest';
import { renderNotFound, renderSourceList } from '../../../../src/server/channels/source-pages/render-list';
import { seedSources, source } from './stand-in';

describe('renderSourceList', () => {
  it('links every source, grouped: the paper and its abstract, then the references', () => {
    const seed = seedSources();
    const html = renderSourceList(seed, 'tassev-2024');
    for (const s of seed) expect(html).toContain(`<a href="/sources/${s.id}">`);
    expect(html.indexOf('<h2 id="paper">The paper</h2>')).toBeLessThan(html.indexOf('<h2 id="references">Works the paper cites</h2>'));
    expect(html).not.toContain('Added documents');
    expect(html).toContain('<span class="who">Hamming, T. (2023)</span>');
    expect(html).toContain('<a href="/sources" aria-current="page">All sources</a>');
  });

  it('escapes titles and ids, and lists added documents', () => {
    const html = renderSourceList([source({ id: 'a b<', kind: 'document', title: '<b>x</b>', text: '' })]);
    expect(html).toContain('<a href="/sources/a%20b%3C">&lt;b&gt;x&lt;/b&gt;</a>');
    expect(html).toContain('<h2 id="documents">Added documents</h2>');
  });
});

describe('renderNotFound', () => {
  it('names the id as text, cut to 100 characters, and links to the list', () => {
    const html = renderNotFound(`<script>${'x'.repeat(200)}`, 'tassev-2024');
    expect(html).toContain('<h1>No such source</h1>');
    expect(html).toContain(`<code>&lt;script&gt;${'x'.repeat(92)}</code>`);
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a href="/sources">All sources</a> lists them');
  });
});
