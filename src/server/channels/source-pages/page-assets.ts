import { createStaticAsset } from '../../http/static-asset';

/**
 * The source pages' stylesheet and script, served from the same origin (`/sources.css`,
 * `/sources.js`) so the pages' CSP stays `'self'`; strings here, as the demo page's are, so Node
 * and Workers bundle them alike.
 */
export const SOURCES_CSS = `:root {
  color-scheme: light;
  --ink: #1c1f26; --muted: #5b6170; --rule: #dfe2e8; --paper: #fbfaf7; --card: #fff; --accent: #3b4fd8; --mark: #ffe58a; --target: #eef0fd;
  font: 17px/1.6 Charter, "Iowan Old Style", "Source Serif Pro", Georgia, serif;
  color: var(--ink); background: var(--paper);
}
body { margin: 0; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: .5rem; background: var(--card); padding: .4rem .8rem; z-index: 1; }
.skip:focus { left: .5rem; }
header.site { border-bottom: 1px solid var(--rule); background: var(--card); }
header.site ul { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; max-width: 46rem; margin: 0 auto; padding: .7rem 1.25rem; font: .9rem/1.4 system-ui, sans-serif; }
header.site a { text-decoration: none; }
header.site a:hover, header.site a[aria-current] { text-decoration: underline; }
.page { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
.eyebrow { font: 600 .78rem/1.2 system-ui, sans-serif; letter-spacing: .12em; text-transform: uppercase; color: var(--accent); margin: 0 0 .5rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .4rem; letter-spacing: -.01em; overflow-wrap: anywhere; }
.byline { font: .9rem/1.4 system-ui, sans-serif; color: var(--muted); margin: 0; }
h2 { font: 700 1.05rem/1.3 system-ui, sans-serif; margin: 2rem 0 .6rem; }
h3 { font: 600 .9rem/1.3 system-ui, sans-serif; margin: 0 0 .3rem; }
.text p { margin: 0 0 .9rem; }
.entry { padding: .7rem 1rem; background: var(--card); border: 1px solid var(--rule); border-left: 4px solid var(--accent); overflow-wrap: anywhere; }
mark.quote { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
#quote, .sentence { scroll-margin-top: 2rem; }
.sentence:target { background: var(--target); outline: 2px solid #c9cff5; }
.notice { font: .9rem/1.4 system-ui, sans-serif; border-left: 3px solid #d98c00; padding: .3rem .8rem; background: #fff7e6; }
.fields { margin: 0; font: .92rem/1.45 system-ui, sans-serif; }
.fields div { display: grid; grid-template-columns: 8.5rem 1fr; gap: 1rem; padding: .35rem 0; border-bottom: 1px solid var(--rule); }
.fields dt { color: var(--muted); }
.fields dd { margin: 0; overflow-wrap: anywhere; }
.format { margin: 0 0 1.2rem; }
.citation { margin: 0; padding: .6rem .8rem; background: var(--card); border: 1px solid var(--rule); border-radius: 6px; font: .8rem/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin: .4rem 0 0; font: .9rem/1.2 system-ui, sans-serif; }
.copy, .download { font: inherit; display: inline-block; min-height: 2.25rem; box-sizing: border-box; padding: .5rem .9rem; border-radius: 6px; border: 1px solid #c9cff5; background: var(--card); color: var(--accent); cursor: pointer; text-decoration: none; }
.copy:hover, .download:hover { background: var(--target); }
.copy[hidden] { display: none; }
.status { font: .9rem/1.4 system-ui, sans-serif; color: var(--muted); min-height: 1.4em; margin: 0; }
ul.sources { padding-left: 1.2rem; margin: 0; }
ul.sources li { margin: .45rem 0; }
.who { display: block; font: .85rem/1.4 system-ui, sans-serif; color: var(--muted); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; overflow-wrap: anywhere; }
footer.site { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; border-top: 1px solid var(--rule); font: .8rem/1.4 system-ui, sans-serif; color: var(--muted); }
.offscreen { position: fixed; left: -9999px; top: 0; }
@media (max-width: 600px) {
  :root { font-size: 16px; }
  h1 { font-size: 1.4rem; }
  .fields div { grid-template-columns: 1fr; gap: 0; }
}
@media (prefers-color-scheme: dark) {
  :root { color-scheme: dark; --ink: #e8e9ee; --muted: #a0a6b3; --rule: #2a2d35; --paper: #121419; --card: #181b21; --accent: #8f9cf5; --mark: #6b5a12; --target: #222742; }
  .notice { background: #2b2410; }
  .copy, .download { border-color: #3a4170; }
}
@media print {
  header.site, .actions, .status, .skip { display: none; }
  .page { max-width: none; padding: 0; }
}
`;

/**
 * Shows the copy buttons (they do nothing without this script) and copies the citation a button
 * names: the Clipboard API where the page is a secure context, else a selected textarea and
 * execCommand. The live region says what was copied; it is emptied first so a second copy of the
 * same format is announced again.
 */
export const SOURCES_JS = `(function () {
  'use strict';
  var status = document.getElementById('copy-status');
  function say(text) {
    if (!status) return;
    status.textContent = '';
    setTimeout(function () { status.textContent = text; }, 50);
  }
  function copyBySelection(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    document.body.removeChild(area);
    return copied;
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return copyBySelection(text); });
    }
    return Promise.resolve(copyBySelection(text));
  }
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
    if (!button) return;
    var citation = document.getElementById(button.getAttribute('data-copy'));
    if (!citation) return;
    var label = button.getAttribute('data-label') || 'citation';
    copy(citation.textContent).then(function (copied) {
      say(copied ? 'Copied the ' + label + ' citation.' : 'Could not copy; select the ' + label + ' text and copy it.');
    });
  });
  var buttons = document.querySelectorAll('button[data-copy]');
  for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
})();
`;

export const SOURCES_STYLESHEET = createStaticAsset('/sources.css', 'text/css; charset=utf-8', SOURCES_CSS);
export const SOURCES_SCRIPT = createStaticAsset('/sources.js', 'text/javascript; charset=utf-8', SOURCES_JS);
