import { describe, expect, it } from 'vitest';
import type { Briefing } from '../../../../src/core/brief/types';
import { renderBriefingPage } from '../../../../src/server/channels/brief-page/render-page';
import { fixtureBriefing, seedCatalogue } from './stand-in';

const catalogue = seedCatalogue();
const render = (briefing: Briefing, length: 'short' | 'standard' = 'standard') => renderBriefingPage({ briefing, length, catalogue });
const HOSTILE = `<script>alert("x")</script><img src=x onerror='alert(1)'>`;

describe('the briefing page', () => {
  const html = render(fixtureBriefing());

  it('shows the title, the date it was generated and the bottom line', () => {
    expect(html).toContain('<title>Briefing: the Islamic State-Khorasan’s recent reorganization and remaining threat</title>');
    expect(html).toContain('<h1>Briefing: the Islamic State-Khorasan’s recent reorganization and remaining threat</h1>');
    expect(html).toContain('<time datetime="2026-12-07T20:00:00.000Z">7 December 2026</time>');
    expect(html).toMatch(/<h2 id="bottom-line">Bottom line<\/h2><p>According to Tassev \(2024\), although ISK is now reorganizing, it still presents a danger in Central Asia <a class="cite" href="#source-1"/);
  });

  it('gives each section a heading and its points as a bulleted list', () => {
    const headings = [...html.matchAll(/<h2 id="section-(\w+)">([^<]+)<\/h2>\n<ul class="points">\n((?:<li>.*<\/li>\n)+)<\/ul>/g)].map((m) => [m[1], m[2], m[3]!.split('\n').filter(Boolean).length]);
    expect(headings).toEqual([
      ['background', 'Background', 1],
      ['threat', 'Threat and methods', 1],
      ['recommendations', 'What the sources recommend', 1],
      ['literature', 'The cited literature', 2],
    ]);
  });

  it('links every [n] marker to the numbered source entry that quotes its passage', () => {
    const targets = [...html.matchAll(/<a class="cite" href="#source-(\d+)"/g)].map((m) => Number(m[1]));
    expect(new Set(targets)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    const entries = [...html.matchAll(/<li id="source-(\d+)" value="(\d+)">/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(entries).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => [n, n]));
  });

  it('ends with the sources as a numbered list, each with its reference and its quote', () => {
    expect(html.indexOf('<h2 id="sources">Sources</h2>')).toBeGreaterThan(html.indexOf('<h2 id="read-next">'));
    expect(html).toContain(
      '<li id="source-1" value="1"><p class="ref">Abstract of Tassev, I. V. (2024). The Islamic State-Khorasan’s Recent Reorganization and Remaining Threat for Central Asia in 2024. Asian Journal of Research in Education and Social Sciences, 6(2), 475–479.</p><blockquote><q>Although it is now reorganizing, it still presents a danger in Central Asia.</q></blockquote></li>',
    );
  });

  it('marks a quote that stands word for word in the reference (a title) there, instead of repeating it', () => {
    expect(html).toContain('<li id="source-7" value="7"><p class="ref">Hamming, T. (2023). <q>The General Directorate of Provinces: Managing the Islamic State’s Global Network</q>. CTC Sentinel, 16(7), 20–27.</p></li>');
  });

  it('gives a work’s reference once: a later entry from the same work points back to the first, with its own quote', () => {
    expect(html.match(/Abstract of Tassev/g)).toHaveLength(1);
    expect(html).toContain('<li id="source-3" value="3"><p class="ref">Same work as <a href="#source-1">[1]</a>: <q>The self-proclaimed Islamic State');
  });

  it('lists Read next by who and when, with the title unless the why names it, a link when it is cited, and why to read it', () => {
    expect(html).toContain('<li><span class="who">Palmer &amp; Holtz (2023)</span>, “The Islamic State Threat in Pakistan: Trends and Scenarios” <a class="cite" href="#source-6" aria-label="Source 6">[6]</a> <span class="why">A think-tank report (CSIS, 2023) on Pakistan.</span></li>');
    expect(html).toContain('<li><span class="who">Jadoon et al. (2023)</span>, “The Enduring Duel: Islamic State Khorasan’s survival under Afghanistan’s New Rulers” <span class="why">A journal article (CTC Sentinel, 2023) on Afghanistan and the Taliban.</span></li>');
    const b = fixtureBriefing();
    b.readNext = [{ sourceId: 'hamming-2023', why: 'Journal article on “The General Directorate of Provinces: Managing the Islamic State’s Global Network”.' }];
    expect(render(b)).toContain('<li><span class="who">Hamming (2023)</span> <a class="cite" href="#source-7" aria-label="Source 7">[7]</a> <span class="why">Journal article on');
  });

  it('includes the figure: the cited and recommended works by year, one mark per year', () => {
    expect(html).toMatch(/<figure class="chart"><svg class="works-chart"/);
    expect([...html.matchAll(/<g class="year" data-year="(\d+)" data-count="(\d+)">/g)].map((m) => [m[1], m[2]])).toEqual([['2023', '3'], ['2024', '1']]);
  });

  it('has no script, no inline style and nothing from another origin', () => {
    expect(html).not.toMatch(/<script|style=|<style|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/brief\.css\?v=[0-9a-f]{16}">/);
  });

  it('says which length it is and how it was written, and shows a notice when there is one', () => {
    expect(render(fixtureBriefing(), 'short')).toContain('Short briefing · every sentence quoted from its source');
    const llm = render({ ...fixtureBriefing(), mode: 'llm', notice: 'The model failed the threat section; it is extractive.' });
    expect(llm).toContain('written by a language model, every claim checked against its quote');
    expect(llm).toContain('<p class="notice">The model failed the threat section; it is extractive.</p>');
  });
});

describe('escaping: every text comes from a corpus, a model or the query string', () => {
  it('never lets markup through, from any field', () => {
    const b = fixtureBriefing();
    const hostile: Briefing = {
      ...b,
      title: HOSTILE,
      topic: HOSTILE,
      notice: HOSTILE,
      generatedAt: HOSTILE,
      bottomLine: { text: `${HOSTILE} [1]`, citations: [1] },
      sections: [{ id: 'background', heading: HOSTILE, points: [{ text: `${HOSTILE} [2]`, citations: [2] }] }],
      readNext: [{ sourceId: 'palmer-2023', why: HOSTILE }, { sourceId: HOSTILE, why: 'unknown' }],
      citations: b.citations.map((c) => ({ ...c, quote: HOSTILE, title: HOSTILE, sourceId: c.n === 2 ? 'gone' : c.sourceId, authors: [HOSTILE], publisher: HOSTILE })),
    };
    const html = render(hostile);
    expect(html).not.toMatch(/<script|<img|onerror='/);
    expect(html.match(/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&lt;img src=x onerror=&#39;alert\(1\)&#39;&gt;/g)!.length).toBeGreaterThanOrEqual(9);
    const declined = render({ ...hostile, answerable: false, bottomLine: { text: '', citations: [] }, followUps: [HOSTILE] });
    expect(declined).not.toMatch(/<script|<img|onerror='/);
  });
});

describe('a declined topic', () => {
  const declined: Briefing = {
    ...fixtureBriefing(),
    title: 'Briefing: cryptocurrency mining',
    topic: 'cryptocurrency mining',
    answerable: false,
    bottomLine: { text: '', citations: [] },
    sections: [],
    readNext: [],
    citations: [],
    followUps: ['What is ISKP?', 'Which references are from 2022?'],
  };

  it('says the sources don’t cover it and suggests what they do answer', () => {
    const html = render(declined);
    expect(html).toContain('<h2 id="declined">Not covered by the sources</h2>');
    expect(html).toContain('The sources don’t cover “cryptocurrency mining”, so there is no briefing on it.');
    expect(html).toContain('<ul class="follow-ups">\n<li>What is ISKP?</li>\n<li>Which references are from 2022?</li>\n</ul>');
  });

  it('keeps what the briefer said about the sources after its own statement', () => {
    const html = render({ ...declined, bottomLine: { text: "The sources don't say. The sources are Tassev (2024) and the 24 works it cites.", citations: [] } });
    expect(html).toContain('<p>The sources don’t cover “cryptocurrency mining”, so there is no briefing on it.</p>\n<p>The sources don&#39;t say. The sources are Tassev (2024) and the 24 works it cites.</p>');
  });

  it('has no bottom line, figure or sources to show', () => {
    const html = render(declined);
    expect(html).not.toMatch(/id="bottom-line"|<figure|id="sources"/);
  });
});
