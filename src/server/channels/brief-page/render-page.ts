import type { Citation } from '../../../core/answer/types';
import type { Briefing, BriefLength, BriefText } from '../../../core/brief/types';
import { worksByYearChart } from './chart';
import { escapeHtml, textWithMarkers } from './html';
import { referenceText, workName } from './reference';
import { BRIEF_STYLESHEET } from './stylesheet';
import { briefingWorks, type Catalogue } from './works';

export interface PageInput {
  briefing: Briefing;
  length: BriefLength;
  catalogue: Catalogue;
}

/**
 * The printable briefing as one HTML document: title, date, bottom line, sections, the figure,
 * Read next, and the sources with their quotes; a declined topic gets the follow-ups instead.
 * Every text is escaped; no script and no inline style, so the page's CSP stays strict.
 */
export function renderBriefingPage({ briefing, length, catalogue }: PageInput): string {
  const sources = new Set(briefing.citations.map((c) => c.n));
  const text = (line: BriefText) => textWithMarkers(line.text, sources);
  const body = briefing.answerable ? briefingBody(briefing, catalogue, text) : declinedBody(briefing, text);
  const about = briefing.topic === null ? 'the paper and its references' : escapeHtml(briefing.topic);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(briefing.title)}</title>
<link rel="stylesheet" href="${BRIEF_STYLESHEET.url}">
</head>
<body>
<main class="briefing">
<header>
<p class="eyebrow">Briefing on ${about}</p>
<h1>${escapeHtml(briefing.title)}</h1>
<p class="meta">${generated(briefing.generatedAt)} · ${length === 'short' ? 'Short' : 'Standard'} briefing · ${briefing.mode === 'llm' ? 'written by a language model, every claim checked against its quote' : 'every sentence quoted from its source'}</p>
</header>
${briefing.notice ? `<p class="notice">${escapeHtml(briefing.notice)}</p>\n` : ''}${body}
<footer>Drawn only from the paper, its references and the documents added to them. Check the quoted passages before relying on them.</footer>
</main>
</body>
</html>
`;
}

type RenderText = (line: BriefText) => string;

function briefingBody(briefing: Briefing, catalogue: Catalogue, text: RenderText): string {
  const parts = [`<section class="bottom-line" aria-labelledby="bottom-line"><h2 id="bottom-line">Bottom line</h2><p>${text(briefing.bottomLine)}</p></section>`];
  for (const section of briefing.sections) {
    if (!section.points.length) continue;
    const id = `section-${escapeHtml(section.id)}`;
    const points = section.points.map((point) => `<li>${text(point)}</li>`).join('\n');
    parts.push(`<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(section.heading)}</h2>\n<ul class="points">\n${points}\n</ul></section>`);
  }
  const chart = worksByYearChart(briefingWorks(briefing, catalogue));
  if (chart) {
    parts.push(`<figure class="chart">${chart}<figcaption>The works this briefing cites or recommends, each counted once, by year and kind of outlet (a journal has a volume or issue; think tanks, institutes and news outlets are named in the glossary).</figcaption></figure>`);
  }
  if (briefing.readNext.length) parts.push(readNext(briefing, catalogue));
  if (briefing.citations.length) parts.push(sourceList(briefing.citations, catalogue));
  return parts.join('\n');
}

/** Who and when, the title unless the why line already names it, a link to the entry when it is cited, and why to read it. */
function readNext(briefing: Briefing, { sourceById }: Catalogue): string {
  const items = briefing.readNext.map(({ sourceId, why }) => {
    const cited = briefing.citations.find((c) => c.sourceId === sourceId);
    const { who, title } = workName(sourceId, sourceById, cited);
    const named = title && !why.includes(title) ? `, “${escapeHtml(title)}”` : '';
    const link = cited ? ` <a class="cite" href="#source-${cited.n}" aria-label="Source ${cited.n}">[${cited.n}]</a>` : '';
    return `<li><span class="who">${escapeHtml(who)}</span>${named}${link} <span class="why">${escapeHtml(why)}</span></li>`;
  });
  return `<section class="read-next" aria-labelledby="read-next"><h2 id="read-next">Read next</h2>\n<ul>\n${items.join('\n')}\n</ul></section>`;
}

/**
 * One entry per citation, numbered as its markers, each with its quote. To save paper, a work is
 * referenced in full once (a later entry points back to it), and a quote that stands word for word
 * in the reference (a title) is marked there rather than repeated.
 */
function sourceList(citations: readonly Citation[], { sourceById }: Catalogue): string {
  const first = new Map<string, number>();
  const items = [...citations]
    .sort((a, b) => a.n - b.n)
    .map((c) => {
      const quote = `<q>${escapeHtml(c.quote)}</q>`;
      const seen = first.get(c.sourceId);
      if (seen !== undefined) return entry(c.n, `Same work as <a href="#source-${seen}">[${seen}]</a>: ${quote}`);
      first.set(c.sourceId, c.n);
      const of = c.kind === 'abstract' ? 'Abstract of ' : '';
      const reference = referenceText(c.sourceId, sourceById, c);
      const at = c.quote ? reference.indexOf(c.quote) : -1;
      if (at === -1) return entry(c.n, `${of}${escapeHtml(reference)}`, `<blockquote>${quote}</blockquote>`);
      return entry(c.n, `${of}${escapeHtml(reference.slice(0, at))}${quote}${escapeHtml(reference.slice(at + c.quote.length))}`);
    });
  return `<section class="sources" aria-labelledby="sources"><h2 id="sources">Sources</h2>\n<ol>\n${items.join('\n')}\n</ol></section>`;
}

const entry = (n: number, reference: string, quote = '') => `<li id="source-${n}" value="${n}"><p class="ref">${reference}</p>${quote}</li>`;

function declinedBody(briefing: Briefing, text: RenderText): string {
  const topic = briefing.topic === null ? 'this' : `“${escapeHtml(briefing.topic)}”`;
  // The briefer's own words (what the sources are, where to turn) follow the page's plain statement.
  const said = [`The sources don’t cover ${topic}, so there is no briefing on it.`, briefing.bottomLine.text.trim() && text(briefing.bottomLine)].filter(Boolean).join('</p>\n<p>');
  const followUps = briefing.followUps?.length
    ? `\n<h2 id="follow-ups">What the sources can answer</h2>\n<ul class="follow-ups">\n${briefing.followUps.map((q) => `<li>${escapeHtml(q)}</li>`).join('\n')}\n</ul>`
    : '';
  return `<section class="declined" aria-labelledby="declined"><h2 id="declined">Not covered by the sources</h2>\n<p>${said}</p>${followUps}</section>`;
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `<time>` for the briefing's date, written out ("7 December 2026"); the raw value if it is not a date. */
function generated(iso: string): string {
  const date = new Date(iso);
  const shown = Number.isNaN(date.getTime()) ? iso : DATE.format(date);
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(shown)}</time>`;
}
