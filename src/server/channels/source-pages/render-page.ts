import { splitSentences } from '../../../core/corpus/sentences';
import type { Source } from '../../../core/corpus/types';
import { escapeHtml } from '../../html';
import { citeHtml } from './cite';
import { pageShell } from './layout';
import { byline, KIND_LABELS, metadataHtml } from './metadata';
import { findQuote } from './quote';
import { entryHtml, sentencesHtml } from './source-text';

export interface SourcePageInput {
  source: Source;
  /** The paper's id, for the header's link; absent when the corpus has none. */
  paperId?: string;
  /** The passage to mark (`?q=`, already read by `readQuote`), or null. */
  quote: string | null;
}

/** What the text section is called for each kind: an abstract and a document are read, a reference entry is a record. */
const TEXT_HEADINGS: Readonly<Record<Source['kind'], string>> = {
  paper: 'The paper’s record',
  abstract: 'Abstract',
  reference: 'As the paper’s reference list gives it',
  document: 'Text',
};

/**
 * One source's page: its title and byline, its text (an abstract or a document as sentences with
 * `#s-n` anchors, a reference or the paper as its entry) with the quote marked `#quote` when it is
 * found, every metadata field, and its citation in each format to copy or download.
 */
export function renderSourcePage({ source, paperId, quote }: SourcePageInput): string {
  const range = quote === null ? null : findQuote(source.text, quote);
  const sentences = source.kind === 'abstract' || source.kind === 'document';
  const text = sentences ? sentencesHtml(source.text, splitSentences(source.text), range) : entryHtml(source.text, range);
  const missing = quote !== null && !range ? '\n<p class="notice">The passage this link quotes is not in the text below word for word.</p>' : '';
  const main = `<header class="source-head">
<p class="eyebrow">${escapeHtml(KIND_LABELS[source.kind])}</p>
<h1>${escapeHtml(source.title)}</h1>
<p class="byline">${escapeHtml(byline(source))}</p>
</header>
<section class="text" aria-labelledby="text">
<h2 id="text">${TEXT_HEADINGS[source.kind]}</h2>${missing}
${text}
</section>
<section class="details" aria-labelledby="details">
<h2 id="details">Details</h2>
${metadataHtml(source)}
</section>
${citeHtml(source)}`;
  return pageShell({ title: `${source.title} · Sources`, main, paperId, current: source.id === paperId ? 'paper' : undefined, script: true });
}
