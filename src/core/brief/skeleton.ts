import type { SupportScorer } from '../answer/support';
import type { SectionId } from './types';

/**
 * The one skeleton every briefing is built on, generic to any corpus of this kind: what a section
 * is about is told by a few plain English words, reached through the thesaurus (so "danger"
 * reaches "threat", "recommend" reaches "advice"), and by tense for the past and the present.
 * The literature section is built from the references' themes, not from cues.
 */
export interface SectionSpec {
  id: Exclude<SectionId, 'literature'>;
  heading: string;
  cues: string;
  /** Words of a sentence that tell its time: one more cue when present. */
  tense?: RegExp;
}

export const SECTIONS: readonly SectionSpec[] = [
  { id: 'background', heading: 'Background', cues: 'history origin emergence formerly previously founded', tense: /\b(?:was|were|had|used to)\b/i },
  { id: 'situation', heading: 'The current situation', cues: 'today now currently current still remain recent recently ongoing anymore', tense: /\b(?:is|are|has|have) (?:now|still|not|been|\w+ing)\b/i },
  { id: 'threat', heading: 'Threat and methods', cues: 'threat danger risk attack violence strategy method tactic warfare weapon propaganda recruit bombing security' },
  { id: 'recommendations', heading: 'What the sources recommend', cues: 'recommend recommendation should must advice policy propose address response' },
];

export const LITERATURE_HEADING = 'The cited literature';

/** A cue's thesaurus link must be at least this close to count: a synonym, no looser (a derived form of "present" is "presentation"). */
const CUE_LINK = 0.8;

/** How strongly a passage speaks to each section: the cues it holds, plus one for its tense. */
export function sectionScores(text: string, support: SupportScorer): Map<SectionSpec['id'], number> {
  const passage = support.terms.termSet(text);
  const scores = new Map<SectionSpec['id'], number>();
  for (const spec of SECTIONS) {
    let score = spec.tense?.test(text) ? 1 : 0;
    for (const cue of cueTerms(spec, support)) if (support.holds(cue, passage) >= CUE_LINK) score += 1;
    scores.set(spec.id, score);
  }
  return scores;
}

/** Each section's cues as terms of a scorer's term model, worked out once per scorer. */
const cueCache = new WeakMap<SupportScorer, ReadonlyMap<SectionSpec['id'], readonly string[]>>();
function cueTerms(spec: SectionSpec, support: SupportScorer): readonly string[] {
  let cues = cueCache.get(support);
  if (!cues) cueCache.set(support, (cues = new Map(SECTIONS.map((s) => [s.id, [...new Set(support.terms.terms(s.cues))]]))));
  return cues.get(spec.id)!;
}

/**
 * The section a passage belongs in: the one it speaks to most, or none when it speaks to none. On
 * a tie the later section wins: it is the narrower one ("the very recent example is the attack"
 * is about a threat more than about the present).
 */
export function sectionOf(text: string, support: SupportScorer): SectionSpec['id'] | undefined {
  let best: SectionSpec['id'] | undefined;
  let top = 0;
  for (const [id, score] of sectionScores(text, support)) if (score > 0 && score >= top) [best, top] = [id, score];
  return best;
}
