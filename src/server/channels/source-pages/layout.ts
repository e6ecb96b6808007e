import { escapeHtml } from '../../html';
import { SOURCES_SCRIPT, SOURCES_STYLESHEET } from './page-assets';

export interface PageShell {
  /** The document's title, plain text. */
  title: string;
  /** The `<main>`'s content, already HTML. */
  main: string;
  /** The paper's id, for the header's link to its page; absent when the corpus has no paper. */
  paperId?: string;
  /** Which header link is the page itself (`aria-current`). */
  current?: 'sources' | 'paper';
  /** Adds the copy buttons' script. */
  script?: boolean;
}

/**
 * A source page's document: a skip link, the header's links (all sources, the paper, the assistant),
 * the main content and a footer, with the same-origin stylesheet (and script when asked). No inline
 * script or style, so the CSP stays `'self'`.
 */
export function pageShell({ title, main, paperId, current, script = false }: PageShell): string {
  const link = (href: string, label: string, here: boolean) => `<a href="${escapeHtml(href)}"${here ? ' aria-current="page"' : ''}>${label}</a>`;
  const links = [link('/sources', 'All sources', current === 'sources')];
  if (paperId) links.push(link(sourcePath(paperId), 'The paper', current === 'paper'));
  links.push(link('/', 'Ask about the paper', false));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${SOURCES_STYLESHEET.url}">
${script ? `<script src="${SOURCES_SCRIPT.url}" defer></script>\n` : ''}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<nav aria-label="Sources"><ul>${links.map((l) => `<li>${l}</li>`).join('')}</ul></nav>
</header>
<main id="main" class="page">
${main}
</main>
<footer class="site">Every source the briefing bot cites: the paper, its abstract, the works it references and the documents added to them.</footer>
</body>
</html>
`;
}

/** The page of the source `id`. */
export function sourcePath(id: string): string {
  return `/sources/${encodeURIComponent(id)}`;
}
