import { describe, expect, it } from 'vitest';
import { escapeHtml, textWithMarkers } from '../../../../src/server/channels/brief-page/html';

describe('escapeHtml', () => {
  it('turns every character that could open markup or leave an attribute into an entity', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')"> & more`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; more');
  });

  it('leaves other text as it is, curly quotes and all', () => {
    expect(escapeHtml('ISK’s “strategy” — 2024')).toBe('ISK’s “strategy” — 2024');
  });
});

describe('textWithMarkers', () => {
  const sources = new Set([1, 2, 12]);

  it('links each [n] marker to its source entry', () => {
    expect(textWithMarkers('It reorganizes [1][2], still [12].', sources)).toBe(
      'It reorganizes <a class="cite" href="#source-1" aria-label="Source 1">[1]</a><a class="cite" href="#source-2" aria-label="Source 2">[2]</a>, still <a class="cite" href="#source-12" aria-label="Source 12">[12]</a>.',
    );
  });

  it('leaves a marker that names no source as plain text', () => {
    expect(textWithMarkers('A claim [7].', sources)).toBe('A claim [7].');
  });

  it('escapes the text around the markers, so a marker cannot smuggle markup in', () => {
    const html = textWithMarkers('<script>alert(1)</script> [1] "[2]<b>"', sources);
    expect(html).not.toMatch(/<script|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; <a class="cite" href="#source-1"');
    expect(html).toContain('&quot;<a class="cite" href="#source-2" aria-label="Source 2">[2]</a>&lt;b&gt;&quot;');
  });
});
