import { escapeRegExp } from '../text/escape-regexp';
import { withoutTrailing } from '../text/scan';
import type { Turn } from './types';
import type { TermModel } from './terms';

// Reads normalised text (one space between tokens, see prepare-request.ts); each quantifier's
// characters differ from its neighbour's, so the match runs in linear time.
const WHAT_ABOUT = /^(?:(?:and|but|also|so|ok(?:ay)?)[ ,]+)?(?:(?:what|how) about|what of|and) ([^ ].*)$/i;
const REFERS_BACK = /\b(it|its|they|them|their|theirs|that|these|those|he|she|his|her|him|there|then)\b|\bthis\b(?!\s+(paper|article|study|report|presentation))/i;
const YEAR = /\b(?:19|20)\d{2}\b/;
/** Words that open a clause rather than a name: an auxiliary or a question word. */
const CLAUSE = /^(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|might|what|which|who|whom|whose|when|where|why|how)\b/i;

/**
 * Turns a follow-up into a question that stands alone, using the last question the user asked.
 * "and 2022?" after "Which references are from 2023?" becomes "Which references are from 2022?";
 * "what about Pakistan?" swaps the place; a question that points back ("which pages is it on?")
 * carries the earlier question along as context. Standalone questions pass through unchanged.
 */
export function resolveFollowUp(question: string, history: Turn[] | undefined, terms: TermModel): string {
  const previous = [...(history ?? [])].reverse().find((t) => t.role === 'user' && t.content.trim())?.content.trim();
  if (!previous) return question;

  const about = withoutTrailing(question.match(WHAT_ABOUT)?.[1] ?? '', /[?.! ]/);
  // "And is it still a danger?" is a question of its own after "and", not a name to swap in.
  if (about && !CLAUSE.test(about)) {
    const swapped = swap(previous, about, terms);
    return swapped ?? `${question}${CONTEXT}${previous})`;
  }
  const ownTerms = terms.terms(question);
  if (!REFERS_BACK.test(question) && ownTerms.length > 1) return question;
  return namePronoun(question, previous, terms) ?? `${question}${CONTEXT}${previous})`;
}

const PRONOUN = /\b(it|its|they|them|their)\b/i;

/** "Why did it restructure?" after a question about ISKP → "Why did ISKP restructure?". */
function namePronoun(question: string, previous: string, terms: TermModel): string | undefined {
  const pronoun = PRONOUN.exec(question);
  if (!pronoun || terms.entities(question).some((e) => terms.entry(e)?.kind === 'group')) return undefined;
  const id = terms.entities(previous).find((e) => terms.entry(e)?.kind === 'group');
  const entry = id ? terms.entry(id) : undefined;
  if (!entry) return undefined;
  const name = [entry.canonical, ...entry.aliases].sort((a, b) => b.length - a.length).find((n) => new RegExp(`(?<![\\p{L}])${escapeRegExp(n)}(?![\\p{L}])`, 'iu').test(previous));
  const surface = name ?? entry.canonical;
  const possessive = /^(its|their)$/i.test(pronoun[1]!);
  return question.slice(0, pronoun.index) + (possessive ? `${surface}’s` : surface) + question.slice(pronoun.index + pronoun[1]!.length);
}

/** Replaces in `previous` the year or glossary entity of the same kind as `replacement`. */
function swap(previous: string, replacement: string, terms: TermModel): string | undefined {
  const year = replacement.match(YEAR);
  if (year && YEAR.test(previous)) return previous.replace(YEAR, year[0]);
  const [newId] = terms.entities(replacement);
  const newEntry = newId ? terms.entry(newId) : undefined;
  if (!newEntry) return undefined;
  for (const oldId of terms.entities(previous)) {
    const old = terms.entry(oldId);
    if (!old || old.kind !== newEntry.kind || oldId === newId) continue;
    for (const name of [old.canonical, ...old.aliases].sort((a, b) => b.length - a.length)) {
      const at = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, name.length <= 2 ? 'u' : 'iu');
      // "And in Afghanistan?": the earlier question keeps its own words around the name ("in Pakistan").
      if (at.test(previous)) return previous.replace(at, replacement.replace(LEADING_WORDS, ''));
    }
  }
  return undefined;
}

/** Words a follow-up may put before the name it swaps in: an article, or the preposition the earlier question already has. */
const LEADING_WORDS = /^(?:(?:the|in|on|at|for|about|of|from|with|by|to)\s+)+/i;

const CONTEXT = ' (following up on: ';

/** A follow-up resolved as "question (following up on: earlier question)": the question alone, else undefined. */
export function ownWords(query: string): string | undefined {
  const at = query.indexOf(CONTEXT);
  return at > 0 && query.endsWith(')') ? query.slice(0, at) : undefined;
}

