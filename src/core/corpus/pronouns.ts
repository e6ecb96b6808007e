import { escapeRegExp } from '../text/escape-regexp';
import type { GlossaryEntry, Source } from './types';

/**
 * Quoted out of context, "Its strategy ... comprises media warfare" loses its subject. This
 * names it: the last group the source mentioned before the sentence ("ISKP's strategy ...").
 * Only the answer's framing changes; the citation's quote stays verbatim.
 */
export type PronounResolver = (source: Source, offset: number, text: string) => string;

export function createPronounResolver(glossary: GlossaryEntry[]): PronounResolver {
  const names = glossary
    .filter((e) => e.kind === 'group')
    .flatMap((e) => [e.canonical, ...e.aliases])
    .filter((n) => n.length > 2)
    .sort((a, b) => b.length - a.length)
    .map(escape);
  if (!names.length) return (_s: Source, _o: number, text: string) => text;
  const group = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join('|')})(?![\\p{L}\\p{N}])`, 'giu');

  return (source: Source, offset: number, text: string): string => {
    const pronoun = /\b(Its|its|It|it)\b/.exec(text);
    if (!pronoun) return text;
    const firstGroup = text.search(group);
    if (firstGroup !== -1 && firstGroup < pronoun.index) return text;
    const before = [...source.text.slice(0, offset).matchAll(group)];
    const name = before.at(-1)?.[0];
    if (!name) return text;
    const replacement = pronoun[1]!.toLowerCase() === 'its' ? `${name}’s` : name;
    return text.slice(0, pronoun.index) + replacement + text.slice(pronoun.index + pronoun[1]!.length);
  };
}

