import { splitSentences } from '../../corpus/sentences';
import type { Source } from '../../corpus/types';
import type { Hit } from '../../search/retrieve';
import type { PassageContext } from '../extractive';
import { isPlanted } from '../intent';

/** A span of the source a citation may quote (verbatim), and the words it offers as evidence. */
export interface Quotable {
  quote: string;
  evidence: string;
}

/** A retrieved chunk as the model sees it, numbered from 1, and what a citation of it may quote. */
export interface Passage {
  n: number;
  source: Source;
  /** The text put in the prompt. */
  text: string;
  quotes: Quotable[];
  /**
   * Authors (with initials) and year. Naming the source ("Jadoon (2018) argues…") is
   * attribution, not a claim: these words neither need nor give support.
   */
  byline: string;
}

/**
 * Turns hits into numbered passages. Prose is split into sentences so a citation quotes the
 * one sentence that supports a claim; a reference offers its title and its whole entry. Any
 * sentence that reads as an instruction to the bot is left out of both the prompt and the
 * evidence: a corpus file can neither steer the model nor support what a steered model says.
 */
export function buildPassages(hits: Hit[], { resolve }: Pick<PassageContext, 'resolve'>): Passage[] {
  const passages: Passage[] = [];
  for (const { source, chunk } of hits) {
    const byline = [...source.authors, source.year ?? ''].join(' ').trim();
    if (source.kind === 'reference' || source.kind === 'paper') {
      if (isPlanted(source.text)) continue;
      const title = source.text.includes(source.title) ? [source.title] : [];
      const quotes = [...title, source.text].map((quote) => ({ quote, evidence: quote }));
      passages.push({ n: passages.length + 1, source, text: source.text, quotes, byline });
      continue;
    }
    // Read with a leading pronoun named ("Its strategy" -> "ISKP's strategy"), quoted verbatim.
    const sentences = splitSentences(chunk.text)
      .filter((s) => !isPlanted(s.text))
      .map((s) => ({ quote: s.text, evidence: resolve(source, chunk.offset + s.offset, s.text) }));
    if (!sentences.length) continue;
    passages.push({ n: passages.length + 1, source, text: sentences.map((s) => s.evidence).join(' '), quotes: sentences, byline });
  }
  return passages;
}
