import type { SourceKind } from '../corpus/types';
import { memoize } from '../memo';
import { withoutTrailing } from '../text/scan';
import { isStopword } from '../text/tokenize';
import type { NounKinds } from '../text/thesaurus';
import type { TermModel } from './terms';

/**
 * What kind of value a question asks for, when it asks for one: "How many…" a number, "When…" a
 * date, "In which city…" a place, "Who…" a name, "What does X conclude…" what a work found. A
 * passage on the question's topic that holds no such value does not answer it: "The attack in Iran
 * from January 3" is about the attack but names no city.
 */
export type AnswerType = 'quantity' | 'date' | 'place' | 'name' | 'institution' | 'findings';

const QUANTITY = /\bhow (?:many|much)\b|\bnumber of\b|\bdeath toll\b|\bcasualt(?:y|ies)\b|\bfigures?\b/i;
const DATE = /^\W*when\b|\b(?:what|which) (?:year|date|month|day)\b/i;
/** Nouns that ask for a place, and for a person or a group, after "which" or "what". */
const PLACE_NOUNS = String.raw`city|cities|towns?|villages?|provinces?|countries|country|regions?|places?|locations?|areas?`;
const NAME_NOUNS = String.raw`officials?|leaders?|commanders?|persons?|people|individuals?|men|women|groups?|organi[sz]ations?`;
const PLACE = new RegExp(String.raw`^\W*where\b|\b(?:what|which) (?:[\p{L}-]+ )?(?:${PLACE_NOUNS})\b`, 'iu');
/**
 * "Who…" (not "whose", not "who wrote", which the bibliography answers first), "which officials",
 * "the name of", "does the abstract name any leaders": asked for by name.
 */
const NAME = new RegExp(
  String.raw`^\W*(?:(?:and|so|but)\W+)?who\b|\b(?:what|which) (?:[\p{L}-]+ )?(?:${NAME_NOUNS})\b|\bname of\b|\bwho (?:is|was|are|were) (?:the )?(?:leader|head|commander|spokesman|emir)\b|\bnames? (?:any |the |its |their |some )?(?:[\p{L}’'-]+ )?(?:${NAME_NOUNS})\b`,
  'iu',
);
/** What a work concluded, found or quoted: a title states a topic, none of these. */
const FINDINGS = /\b(?:conclude[sd]?|conclusions?|findings?|finds?|found|quoted?|quotes|interview(?:s|ed)?)\b/i;

/** "Which political party", "what university": the two words after the question word, either of which may be the noun asked for. */
const WHICH_NOUN = /\b(?:which|what)\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?/iu;

/** Which nouns name people, places or organisations (the thesaurus's `kindOf`), by word. */
type KindOf = (word: string) => keyof NounKinds | undefined;
const NO_KINDS: KindOf = () => undefined;

/** The one or two words after a "which" or "what" that may name the kind of answer; none when a verb or a function word follows ("what does", "what about"). */
function whichWords(question: string): string[] {
  const which = WHICH_NOUN.exec(question);
  if (!which || AUXILIARY.test(which[1]!) || isStopword(which[1]!.toLowerCase())) return [];
  return which[2] ? [which[1]!, which[2]] : [which[1]!];
}

/**
 * "Which countries…", "which political party…": the noun that names the kind of answer, when a
 * "which" or "what" asks for a place, a name or an institution. The answer is an instance of it, so
 * a passage need not hold the noun itself: "Afghanistan and Pakistan" answer "which countries".
 */
export const slotNoun = (question: string, kindOf: KindOf = NO_KINDS): string | undefined => whichWords(question).find((w) => kindOf(w) !== undefined || SLOT_NOUNS.test(w));
/** The nouns of PLACE and NAME: they name the kind of answer too. */
const SLOT_NOUNS = new RegExp(String.raw`^(?:${PLACE_NOUNS}|${NAME_NOUNS})$`, 'i');

/**
 * The kind of value the question asks for; undefined when it asks for an explanation, a
 * description or a yes/no. `kindOf` tells which nouns name people, places or organisations, so
 * "which university" asks for an institution as "which officials" asks for a name.
 */
export function askedType(question: string, kindOf: KindOf = NO_KINDS): AnswerType | undefined {
  if (QUANTITY.test(question)) return 'quantity';
  if (DATE.test(question)) return 'date';
  if (PLACE.test(question)) return 'place';
  if (FINDINGS.test(question)) return 'findings';
  if (NAME.test(question)) return 'name';
  const kind = whichWords(question).map(kindOf).find(Boolean);
  if (kind) return kind === 'place' ? 'place' : kind === 'organization' ? 'institution' : 'name';
  return undefined;
}

/** "Who currently leads ISIS-K?": the verb a "who" asks the doer of, after an adverb of time; none after an auxiliary ("who is…"). */
const WHO_DOES = /^\W*(?:(?:and|so|but)\W+)?who\s+(?:(?:currently|now|still|today|actually|really|first)\s+)?([\p{L}-]+)/iu;
const AUXILIARY = /^(?:is|are|was|were|am|be|been|do|does|did|has|have|had|will|would|can|could|should|shall|may|might|must)$/i;

/** The verb whose doer a "who" question asks for ("leads" in "Who leads ISKP?"): a passage that answers names the doer of that, so it holds the verb. */
export function askedDoing(question: string): string | undefined {
  const verb = WHO_DOES.exec(question)?.[1];
  return verb && !AUXILIARY.test(verb) ? verb : undefined;
}

export interface TypedPassage {
  kind: SourceKind;
  /** The evidence text: a sentence, or a reference's title with its metadata. */
  text: string;
  /** A reference's title alone, without its year and outlet (which are no quantity, no date of an event, and no answer's place). */
  title?: string;
}

/**
 * Whether a passage holds a value of the asked type that the question does not already give: a
 * number other than a year, a year or a month, an entity of the glossary or a capitalised name
 * within a sentence, or (for findings) a sentence rather than a title.
 */
export function holdsAnswer(type: AnswerType, question: string, passage: TypedPassage, terms: TermModel): boolean {
  const prose = passage.kind === 'abstract' || passage.kind === 'document';
  switch (type) {
    case 'quantity':
      return newValues(quantitiesIn(prose ? passage.text : (passage.title ?? passage.text)), quantitiesIn(question));
    case 'date':
      // A reference's year dates the work, not what its title reports.
      return newValues(datesIn(prose ? passage.text : (passage.title ?? passage.text)), datesIn(question));
    case 'findings':
      return prose;
    case 'place':
    case 'institution':
    case 'name': {
      if (newNames(type, question, prose ? passage.text : (passage.title ?? passage.text), terms).length) return true;
      // A capitalised word may be a person's name, which the glossary does not list; a place or an institution it does.
      if (type !== 'name' || !prose) return false;
      const words = questionWords(question);
      return namesIn(passage.text).some((n) => !words.some((w) => w.startsWith(n)));
    }
  }
}

/** Glossary kinds that name something ("Kabul", "the Taliban", "CSIS"); "term" and "synonym" entries are ordinary words ("danger"). */
const NAMED: ReadonlySet<string> = new Set(['place', 'group', 'institute', 'outlet']);
const PLACES: ReadonlySet<string> = new Set(['place']);
/** "Which university", "which party": an institution or an outlet, not an armed group or a place. */
const INSTITUTIONS: ReadonlySet<string> = new Set(['institute', 'outlet']);

/** The glossary entities a text names that are names (places, groups, institutes, outlets), not ordinary words. */
export const namedEntities = (text: string, terms: TermModel) => terms.entities(text).filter((e) => NAMED.has(terms.entry(e)?.kind ?? ''));

/** How many names of the asked kind a passage gives that the question does not ("Central Asia", "Afghanistan", "Pakistan"). */
export const namesGiven = (type: AnswerType, question: string, passage: TypedPassage, terms: TermModel): number => newNames(type, question, passage.text, terms).length;

/** The glossary entities of the asked kind a text names and the question does not, each once. */
function newNames(type: AnswerType, question: string, text: string, terms: TermModel): string[] {
  const asked = terms.entities(question);
  const kinds = type === 'place' ? PLACES : type === 'institution' ? INSTITUTIONS : NAMED;
  return terms.entities(text).filter((e) => !asked.includes(e) && kinds.has(terms.entry(e)?.kind ?? ''));
}

const newValues = (found: string[], given: string[]) => found.some((v) => !given.includes(v));

const NUMBER = /\d+(?:[.,]\d+)*|\b(?:dozens?|hundreds?|thousands?|millions?)\b/gi;
/** A four-digit year is a date, not a count: "How many fled?" is not answered by "(2019)". */
const YEAR_LIKE = /^(?:19|20)\d\d$/;
const quantitiesIn = (text: string) => valuesIn(text).filter((n) => !YEAR_LIKE.test(n));

/** Every number (years included) and number word a text states, lowercased: what a claim must not add to its source. */
export const valuesIn = (text: string) => (text.match(NUMBER) ?? []).map((n) => n.toLowerCase());

const DATE_VALUE = /\b(?:19|20)\d\d\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b(?: \d{1,2}\b)?/gi;
const datesIn = (text: string) => (text.match(DATE_VALUE) ?? []).map((d) => d.toLowerCase());

/**
 * Capitalised words inside a sentence (not its first word), lowercased: the names it gives. Worked
 * out once per sentence: a question that asks for a name weighs every retrieved sentence.
 */
const namesIn = memoize(
  (sentence: string) =>
    sentence
      .split(' ')
      .slice(1)
      .map((w) => withoutTrailing(w, NOT_WORD))
      .filter((w) => CAPITALISED.test(w))
      .map((w) => w.toLowerCase()),
  5_000,
);
const NOT_WORD = /[^\p{L}\p{N}]/u;
/** A word that opens with a capital, after any opening quote or bracket. */
const CAPITALISED = /^[^\p{L}\p{N}]?\p{Lu}/u;
/** A question's words, lowercased: "Iranian" mentions "Iran", so a name counts as given when one of them starts with it. */
const questionWords = memoize((question: string) => question.toLowerCase().split(/[^\p{L}\p{N}-]+/u), 5_000);
