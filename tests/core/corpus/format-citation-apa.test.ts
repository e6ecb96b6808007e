import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCitation } from '../../../src/core/corpus/format-citation';
import { loadCorpus } from '../../../src/core/corpus/load-corpus';
import { parseCsl } from '../../../src/core/corpus/parse-csl';
import { parseMarkdown } from '../../../src/core/corpus/parse-markdown';
import type { Source } from '../../../src/core/corpus/types';
import { readCorpusFiles } from '../../../src/runtime/node/read-corpus';
import { apaByCitationJs } from '../../helpers/citation-js';

/**
 * Our APA 7 reference for every source is the one citation-js's `apa` template (citeproc over the
 * CSL-JSON we export) writes, whitespace aside, but for the differences in DIFFERENCES, each APA's
 * or the source's own reason to differ.
 */

interface Difference {
  what: string;
  why: string;
  /** The sources it concerns. */
  concerns: (source: Source) => boolean;
  /** citation-js's text as ours has it. */
  ours: (theirs: string, source: Source) => string;
}

const title = (s: Source) => s.title.replace(/^Abstract:\s*/, '');
const publisherIsAuthor = (s: Source) => s.publisher !== null && s.authors.some((a) => a.toLowerCase() === s.publisher!.toLowerCase());

const DIFFERENCES: readonly Difference[] = [
  {
    what: 'no site name after the title when it repeats the author (Al Jazeera. (2018). … Dozens.)',
    why: 'APA 7 leaves out a site or publisher name that is the same as the author; the apa template prints it whatever the author',
    concerns: publisherIsAuthor,
    ours: (theirs, s) => {
      const at = theirs.lastIndexOf(` ${s.publisher!}.`);
      return at === -1 ? theirs : theirs.slice(0, at) + theirs.slice(at + s.publisher!.length + 2);
    },
  },
  {
    what: 'the period after a title that ends with a closing quote stays outside it (…Killings’.)',
    why: 'the quote marks are the title’s own (a headline quoting a phrase), kept as the paper prints the reference; citeproc applies the en-US locale’s punctuation-in-quote and moves the period inside (…Killings.’)',
    concerns: (s) => /[’”]$/.test(title(s)),
    ours: (theirs, s) => theirs.replace(`${title(s).slice(0, -1)}.${title(s).slice(-1)}`, `${title(s)}.`),
  },
];

/** The differences some source needed: one no source needs is a stale entry in DIFFERENCES. */
const needed = new Set<Difference>();

const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();

/** citation-js's APA for a source, with the documented differences made. */
function theirsAsOurs(source: Source): string {
  let text = spaced(apaByCitationJs(JSON.parse(formatCitation(source, 'csl'))));
  for (const difference of DIFFERENCES.filter((d) => d.concerns(source))) {
    const adjusted = difference.ours(text, source);
    if (adjusted !== text) needed.add(difference);
    text = adjusted;
  }
  return text;
}

const corpus = loadCorpus(await readCorpusFiles(new URL('../../../corpus', import.meta.url).pathname)).sources;
// What the seed lacks (URLs, months, access dates, names in natural order), from a Zotero export and a note.
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/corpus/${name}`, import.meta.url), 'utf8');
const notes = parseMarkdown(fixture('analyst-notes.md'), 'analyst-notes.md');
const userSources: Source[] = [...parseCsl(fixture('zotero-export.json'), 'zotero-export.json'), notes, { ...notes, id: 'notes-dated', month: 'March', accessed: '2024-07-26' }];

describe('formatCitation(source, "apa") against citation-js’s apa template', () => {
  it('covers every source in the corpus: the paper, its abstract and the 24 references', () => {
    expect(corpus).toHaveLength(26);
  });

  it.each([...corpus, ...userSources].map((s) => [s.id, s] as const))('%s', (_id, source) => {
    expect(spaced(formatCitation(source, 'apa'))).toBe(theirsAsOurs(source));
  });

  it('lists only differences some source needs', () => {
    expect(DIFFERENCES.filter((d) => !needed.has(d)).map((d) => d.what)).toEqual([]);
  });
});
