import { describe, expect, it } from 'vitest';
import { DEFAULTS, readOptions } from '../../../../../src/server/channels/widget/client/options';

const PAGE = 'https://site.example/articles/1';

describe('widget options', () => {
  it('defaults the endpoint to the origin the script came from', () => {
    expect(readOptions({}, 'https://bot.example/widget.js?v=2', PAGE).endpoint).toBe('https://bot.example');
    expect(readOptions({}, '/widget.js', PAGE).endpoint).toBe('https://site.example');
    expect(readOptions({}, undefined, PAGE).endpoint).toBe('https://site.example');
  });

  it('takes data-endpoint as given, path prefix kept, trailing slash dropped', () => {
    expect(readOptions({ endpoint: 'https://api.example/briefing/' }, 'https://cdn.example/widget.js', PAGE).endpoint).toBe('https://api.example/briefing');
  });

  it('reads title, greeting, suggestions, accent, position, theme and open-on-load', () => {
    expect(readOptions({ title: ' Paper Q&A ', greeting: 'Hello', suggestions: 'One? | Two?', accent: '#e11d48', position: 'bottom-left', theme: 'dark', open: '' }, undefined, PAGE)).toMatchObject({
      title: 'Paper Q&A',
      greeting: 'Hello',
      suggestions: ['One?', 'Two?'],
      accent: '#e11d48',
      position: 'bottom-left',
      theme: 'dark',
      openOnLoad: true,
    });
  });

  it('falls back to defaults for missing or unknown values', () => {
    expect(readOptions({ position: 'top-middle', theme: 'neon', open: 'no', title: '  ' }, undefined, PAGE)).toMatchObject({
      title: DEFAULTS.title,
      greeting: DEFAULTS.greeting,
      suggestions: DEFAULTS.suggestions,
      accent: undefined,
      position: 'bottom-right',
      theme: 'light',
      openOnLoad: false,
    });
  });
});
