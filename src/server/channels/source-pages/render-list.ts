import type { Source, SourceKind } from '../../../core/corpus/types';
import { escapeHtml } from '../../html';
import { pageShell, sourcePath } from './layout';
import { byline } from './metadata';

/** The list's groups, in order, each with the kinds it holds. */
const GROUPS: readonly { id: string; heading: string; kinds: readonly SourceKind[] }[] = [
  { id: 'paper', heading: 'The paper', kinds: ['paper', 'abstract'] },
  { id: 'references', heading: 'Works the paper cites', kinds: ['reference'] },
  { id: 'documents', heading: 'Added documents', kinds: ['document'] },
];

/** `GET /sources`: every source, grouped by kind in the index's order, each a link to its page with who and when. */
export function renderSourceList(sources: readonly Source[], paperId?: string): string {
  const groups = GROUPS.map(({ id, heading, kinds }) => {
    const items = sources.filter((s) => kinds.includes(s.kind));
    if (!items.length) return '';
    const lis = items.map((s) => `<li><a href="${escapeHtml(sourcePath(s.id))}">${escapeHtml(s.title)}</a> <span class="who">${escapeHtml(byline(s))}</span></li>`);
    return `<section aria-labelledby="${id}">\n<h2 id="${id}">${heading}</h2>\n<ul class="sources">\n${lis.join('\n')}\n</ul>\n</section>`;
  }).filter(Boolean);
  const main = `<header class="source-head">
<p class="eyebrow">Sources</p>
<h1>All sources</h1>
<p class="byline">${sources.length} ${sources.length === 1 ? 'source' : 'sources'}: the paper, its abstract, its references and any documents added to them.</p>
</header>
${groups.join('\n')}`;
  return pageShell({ title: 'All sources', main, paperId, current: 'sources' });
}

/** The page for an id no source has: says so (the id shown as text, cut to 100 characters) and links to the list. */
export function renderNotFound(id: string, paperId?: string): string {
  const main = `<header class="source-head">
<p class="eyebrow">Not found</p>
<h1>No such source</h1>
</header>
<p>There is no source with the id <code>${escapeHtml(id.slice(0, 100))}</code>. <a href="/sources">All sources</a> lists them.</p>`;
  return pageShell({ title: 'No such source', main, paperId });
}
