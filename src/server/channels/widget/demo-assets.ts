import { createStaticAsset } from '../../http/static-asset';

/**
 * The demo page at `/`: a plain page about the paper with the widget embedded exactly as a site
 * would embed it. No inline script or style, so its CSP can stay at `'self'`.
 */
const demoHtml = () => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ISKP briefing: Tassev (2024), with a cited Q&amp;A assistant</title>
<meta name="description" content="Ask questions about Tassev (2024) on Islamic State Khorasan Province and its 24 references. Every answer cites the passage it relies on.">
<link rel="stylesheet" href="${DEMO_STYLESHEET.url}">
<script src="${DEMO_SCRIPT.url}" defer></script>
</head>
<body>
<header class="masthead">
  <div class="wrap">
    <p class="eyebrow">Research briefing</p>
    <h1>The Islamic State-Khorasan’s Recent Reorganization and Remaining Threat for Central Asia in 2024</h1>
    <p class="byline">Ivaylo Valentinov Tassev</p>
    <p class="venue"><cite>Asian Journal of Research in Education and Social Sciences</cite>, 6(2), 475–479 (2024)</p>
  </div>
</header>
<main class="wrap">
  <section aria-labelledby="abstract">
    <h2 id="abstract">Abstract (excerpt)</h2>
    <blockquote class="abstract">
      <p>The self-proclaimed Islamic State in Iraq and Syria (ISIS) was defeated in 2019 but today there are still some branches of the organization active in various parts of the world. […] The report looks more specifically at the activities of the Islamic State-Khorasan Province (ISK or ISKP) in Central Asia and particularly in Afghanistan and Pakistan. Its strategy on a regional and international level comprises interlinked media warfare and kinetic action. The military and political pressures have caused it to restructure or face a more lasting attenuation. Although it is now reorganizing, it still presents a danger in Central Asia.</p>
    </blockquote>
  </section>

  <section aria-labelledby="about">
    <h2 id="about">About this assistant</h2>
    <p>The chat button in the corner answers questions about this paper, its abstract and the 24 works it cites, and nothing else.</p>
    <ul class="points">
      <li><strong>Cited in place.</strong> Every claim carries a numbered marker; open it to see the source and the exact sentence the claim rests on.</li>
      <li><strong>Honest about gaps.</strong> When the sources don’t cover a question, it says so and suggests questions they do answer.</li>
      <li><strong>Citations to go.</strong> Copy any source as APA or BibTeX straight from its card.</li>
    </ul>
    <p class="try">Try it:
      <button type="button" class="ask" data-ask="What is ISKP?">What is ISKP?</button>
      <button type="button" class="ask" data-ask="Which references did the CTC Sentinel publish?">Which references did the CTC Sentinel publish?</button>
      <button type="button" class="ask" data-ask="What happened in Iran on January 3?">What happened in Iran on January 3?</button>
    </p>
  </section>

  <section aria-labelledby="embed">
    <h2 id="embed">Put it on your site</h2>
    <p>One script tag. The widget lives in its own shadow root, so it neither inherits nor leaks styles.</p>
<pre tabindex="0" role="region" aria-label="Embed code"><code>&lt;script src="https://YOUR-HOST/widget.js"
        data-endpoint="https://YOUR-HOST"
        data-title="Ask about the paper"
        data-accent="#3b4fd8"
        data-position="bottom-right"
        data-theme="auto"
        async&gt;&lt;/script&gt;</code></pre>
    <p>Your own button can drive it too: <code>IskpBriefing.open()</code>, <code>IskpBriefing.close()</code>, <code>IskpBriefing.ask("…")</code>. The server must list your site’s origin in <code>WIDGET_ALLOWED_ORIGINS</code>.</p>
  </section>
</main>
<footer class="wrap foot">
  <p>Answers are drawn from the paper and its references only and may be incomplete. Check the quoted passages before relying on them.</p>
</footer>
<script src="/widget.js" data-title="Ask about the paper" data-theme="auto" async></script>
</body>
</html>
`;

export const DEMO_CSS = `:root {
  color-scheme: light;
  --ink: #1c1f26; --muted: #5b6170; --rule: #e3e5ea; --paper: #fbfaf7; --accent: #3b4fd8;
  font: 17px/1.65 Charter, "Iowan Old Style", "Source Serif Pro", Georgia, serif;
  color: var(--ink); background: var(--paper);
}
body { margin: 0; }
.wrap { max-width: 46rem; margin: 0 auto; padding: 0 1.5rem; }
.masthead { border-bottom: 1px solid var(--rule); background: #fff; padding: 3.5rem 0 2.5rem; }
.eyebrow { font: 600 .8rem/1 system-ui, sans-serif; letter-spacing: .12em; text-transform: uppercase; color: var(--accent); margin: 0 0 1rem; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0 0 1rem; letter-spacing: -.01em; }
.byline { font: 600 1rem/1.4 system-ui, sans-serif; margin: 0; }
.venue { color: var(--muted); margin: .25rem 0 0; font-size: .95rem; }
main { padding: 1rem 1.5rem 2rem; }
h2 { font: 700 1.05rem/1.3 system-ui, sans-serif; margin: 2.5rem 0 .75rem; }
.abstract { margin: 0; padding: 0 0 0 1.25rem; border-left: 3px solid var(--accent); color: #2c303a; }
.points { padding-left: 1.2rem; }
.points li { margin: .4rem 0; }
.try { font: .95rem/1.4 system-ui, sans-serif; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.ask { font: inherit; color: var(--accent); background: #fff; border: 1px solid #c9cff5; border-radius: 999px; padding: .4rem .85rem; cursor: pointer; }
.ask:hover { background: #eef0fd; }
.ask:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
pre { background: #161922; color: #e7e9ef; border-radius: 10px; padding: 1rem 1.25rem; overflow-x: auto; font-size: .8rem; line-height: 1.5; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
pre code { font-size: inherit; }
/* The embed code scrolls sideways on a phone: focusable (tabindex) so a keyboard can scroll it too. */
pre:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.foot { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: 1rem; padding-bottom: 6rem; }
@media (prefers-color-scheme: dark) {
  :root { color-scheme: dark; --ink: #e8e9ee; --muted: #a0a6b3; --rule: #2a2d35; --paper: #121419; --accent: #8f9cf5; }
  .masthead { background: #181b21; }
  .abstract { color: #d4d6dd; }
  .ask { background: #181b21; border-color: #3a4170; }
  .ask:hover { background: #222742; }
}
@media (max-width: 600px) { h1 { font-size: 1.6rem; } .masthead { padding: 2rem 0 1.5rem; } }
`;

/** Shows the widget's JS API from a site's own buttons. */
export const DEMO_JS = `document.addEventListener('click', function (event) {
  var button = event.target instanceof Element ? event.target.closest('[data-ask]') : null;
  if (button && window.IskpBriefing) window.IskpBriefing.ask(button.getAttribute('data-ask'));
});
`;

export const DEMO_STYLESHEET = createStaticAsset('/demo.css', 'text/css; charset=utf-8', DEMO_CSS);
export const DEMO_SCRIPT = createStaticAsset('/demo.js', 'text/javascript; charset=utf-8', DEMO_JS);
/** Written once its assets exist: it references them by their versioned URLs. */
export const DEMO_HTML = demoHtml();
