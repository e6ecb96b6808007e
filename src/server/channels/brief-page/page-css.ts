/**
 * The briefing page's stylesheet, served at `/brief.css` so the page's CSP can keep `style-src 'self'`
 * (a string here, as the demo page's is, so Node and Workers bundle it alike). Print rules make
 * "Print → Save as PDF" a compact document: small type, no screen chrome, points never split.
 */
export const BRIEF_CSS = `:root {
  color-scheme: light;
  --ink: #1c1f26; --muted: #5b6170; --rule: #dfe2e8; --paper: #fbfaf7; --accent: #3b4fd8;
  font: 16px/1.55 Charter, "Iowan Old Style", "Source Serif Pro", Georgia, serif;
  color: var(--ink); background: var(--paper);
}
body { margin: 0; }
.briefing { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
.eyebrow { font: 600 .78rem/1.2 system-ui, sans-serif; letter-spacing: .12em; text-transform: uppercase; color: var(--accent); margin: 0 0 .6rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .5rem; letter-spacing: -.01em; }
.meta { font: .85rem/1.4 system-ui, sans-serif; color: var(--muted); margin: 0; }
h2 { font: 700 1rem/1.3 system-ui, sans-serif; margin: 2rem 0 .6rem; break-after: avoid; page-break-after: avoid; }
.notice { font: .9rem/1.4 system-ui, sans-serif; border-left: 3px solid #d98c00; padding: .3rem .8rem; background: #fff7e6; }
.bottom-line p { font-size: 1.08rem; margin: 0; padding: .8rem 1rem; background: #fff; border: 1px solid var(--rule); border-left: 4px solid var(--accent); }
.points, .read-next ul, .follow-ups { padding-left: 1.2rem; margin: 0; }
.points li, .read-next li, .follow-ups li { margin: .35rem 0; }
li, figure, blockquote { break-inside: avoid; page-break-inside: avoid; }
a.cite { color: var(--accent); text-decoration: none; font: 600 .8em/1 system-ui, sans-serif; white-space: nowrap; }
a.cite:hover, a.cite:focus-visible { text-decoration: underline; }
.why { color: var(--muted); }
figure.chart { margin: 2rem 0 0; }
.works-chart { display: block; width: 100%; max-width: 560px; height: auto; font: 11px system-ui, sans-serif; fill: var(--ink); }
.works-chart .count { font-weight: 600; }
figcaption { font: .8rem/1.4 system-ui, sans-serif; color: var(--muted); margin-top: .4rem; }
.sources { font-size: .9rem; }
.sources ol { padding-left: 1.6rem; margin: 0; }
.sources li { margin: 0 0 .6rem; }
.sources li:target { background: #eef0fd; outline: 2px solid #c9cff5; }
.ref { margin: 0; }
.sources blockquote { margin: .2rem 0 0; padding-left: .7rem; border-left: 2px solid var(--rule); color: #2c303a; }
.sources q { font-style: italic; }
.who { font-weight: 600; }
footer { margin-top: 2.5rem; padding-top: .8rem; border-top: 1px solid var(--rule); font: .8rem/1.4 system-ui, sans-serif; color: var(--muted); }
@media print {
  @page { margin: 12mm 14mm; }
  :root { font-size: 9pt; line-height: 1.3; background: #fff; color: #000; }
  .briefing { max-width: none; padding: 0; }
  h1 { font-size: 14pt; margin-bottom: .2rem; }
  .eyebrow { margin-bottom: .3rem; }
  h2 { font-size: 10pt; margin: .8rem 0 .25rem; }
  .bottom-line p { font-size: 9.5pt; padding: .35rem .6rem; border-color: #999; }
  .points li, .read-next li, .follow-ups li { margin: .1rem 0; }
  figure.chart { margin: .8rem 0 0; }
  .works-chart { max-width: 105mm; }
  figcaption { font-size: 7.5pt; margin-top: .2rem; }
  .sources { font-size: 8pt; line-height: 1.3; }
  .sources ol { columns: 2; column-gap: 7mm; }
  .sources li { margin: 0 0 .25rem; }
  .sources li:target { background: none; outline: none; }
  a.cite, .sources a { color: inherit; text-decoration: none; }
  footer { margin-top: .8rem; padding-top: .4rem; font-size: 7.5pt; }
}
`;
