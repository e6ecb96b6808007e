import { formatCitation, type CitationFormat } from '../../../core/corpus/format-citation';
import type { Source } from '../../../core/corpus/types';
import { citationFileName, CITATION_FORMATS } from '../../citation-files';
import { escapeHtml } from '../../html';
import { sourcePath } from './layout';

/** How the page names each format, on its heading and its buttons. */
const FORMAT_LABELS: Readonly<Record<CitationFormat, string>> = { apa: 'APA', bibtex: 'BibTeX', ris: 'RIS', csl: 'CSL-JSON' };

/** Where a source's citation in `format` is downloaded from: in this channel, so pages need no API key. */
function exportPath(id: string, format: CitationFormat): string {
  return `${sourcePath(id)}/export?format=${format}`;
}

/**
 * "Cite this source": each format's citation shown as text (selectable without script), a copy
 * button (hidden until the script shows it, since it needs the script) and a download link; one
 * live region announces what was copied.
 */
export function citeHtml(source: Source): string {
  const formats = CITATION_FORMATS.map((format) => {
    const label = FORMAT_LABELS[format];
    const id = `cite-${format}`;
    return `<section class="format" aria-labelledby="${id}-h">
<h3 id="${id}-h">${label}</h3>
<pre id="${id}" class="citation">${escapeHtml(formatCitation(source, format))}</pre>
<p class="actions"><button type="button" class="copy" data-copy="${id}" data-label="${label}" hidden>Copy ${label}</button> <a class="download" href="${escapeHtml(exportPath(source.id, format))}" download="${escapeHtml(citationFileName(source.id, format))}">Download ${label}</a></p>
</section>`;
  });
  return `<section class="cite" aria-labelledby="cite">
<h2 id="cite">Cite this source</h2>
${formats.join('\n')}
<p id="copy-status" class="status" role="status" aria-live="polite"></p>
</section>`;
}
