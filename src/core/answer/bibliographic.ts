import { escapeRegExp } from '../text/escape-regexp';
import { formatCitation } from '../corpus/format-citation';
import { memoize } from '../memo';
import { familyName } from '../corpus/names';
import type { Source } from '../corpus/types';
import { authorYear, quoted, type CitationList } from './citations';
import { combine, describeCriteria, splitCriteria } from './list-criteria';
import { matchWork, type WorkMatch } from './one-work';
import type { SupportScorer } from './support';
import type { TermModel } from './terms';
import type { Turn } from './types';
import { isYesNoQuestion, withVerdict } from './yes-no';

/**
 * Questions about the bibliography, answered exactly from the metadata rather than by
 * similarity: who wrote the paper and where it appeared, how to cite it, which references are
 * from a year, an author or an outlet, the oldest and newest, and single fields of one reference.
 */
export interface BibliographyContext {
  sources: Source[];
  terms: TermModel;
  support: SupportScorer;
}

const WORKS = String.raw`(sources?|references?|works?|articles?|reports?|pieces?|publications?|papers|items?|entries|studies|texts?|citations|bibliography|titles|headlines)`;
/**
 * "Which of the cited works…", "Are there any references…": a listing names works as what it asks
 * for, within three words of its "which"; "Which officials are quoted in the Wilson Center piece?"
 * asks for officials, not for pieces. "Is there anything on Tajikistan in the reference list?"
 * asks for works too, further on.
 */
const LISTING = new RegExp(String.raw`\b(which|what|list|show|name|give|how many|are there|is there|any|all)(?:\s+[\w'’-]+){0,3}\s+${WORKS}\b|\b(?:anywhere )?in (?:the|its) (?:references|reference list|bibliography|works cited)\b|\b(?:anything|something)(?:\s+[\w'’-]+){0,6}\s+${WORKS}\b|\bworks cited\b|\bwhat (?:did|has|have|does)\b[^?]*\b(write|wrote|publish|published|author)\b|\b(written|published|authored) by\b|\b${WORKS}\s+by\b`, 'i');
const FIELDS = {
  pages: /\b(pages?|pp)\b/i,
  volume: /\b(volume|issue|number)\b/i,
  editors: /\b(editors?|edited)\b/i,
  authors: /\bwho (?:is|was) (?:the )?(?:authors?|writer)\b|\bwho (?:is|was) (?!(?:the|this|that|it|an?)\b)[^\s?]+(?: [^\s?]+){0,2}[\s?]*$|\bwho\b[^?]*\b(wrote|write|authored|writes)\b|\bauthors? of\b|\bwritten by\b|\bwho (is|are|was) (behind|the authors?)\b|\b(name|names) of the authors?\b|^\s*(the )?authors?\s*(?:\?\s*)?$/i,
  publisher: /\b(publisher|published (by|in|where)|outlet|which (journal|outlet|institute|institution|think tank|newspaper|organi[sz]ation|site|magazine)|what (journal|outlet|institute|institution|newspaper|organi[sz]ation)|where\b[^?]*\b(publish|published|appear|appeared|find|run|ran)|who (published|released|issued|put out|puts out|brought out)|(?:put|puts|brought) (?:it|them) out)\b/i,
  // "When" that opens the question or a clause joined by "and" asks the date; "…zoom in on when
  // examining…" is a conjunction.
  year: /^\W*(?:(?:and|so|but|also|ok|okay)\W+)?when\b|(?:,|\band)\s+when\b|\b(what year|which year|year|date|how old|how recent)\b/i,
  // "Who is named in…" asks who is mentioned, not what a work is called.
  title: /\b(title|titled|called)\b|\bnamed\b(?! in\b)/i,
};
type Field = keyof typeof FIELDS;
const CITE = /\bhow (?:do|should|would|can|to|might) (?:i |we |you |one )?(?:cite|reference)\b|\bcitation (?:for|of) (?:the|this) (?:paper|article)\b|\bcite (?:it|this|the paper|the article)\b|\b(apa|bibtex|ris|csl|mla|chicago)\b/i;
/**
 * The paper named by a phrase; by its author's name, `catalogue.paperAuthor` (it differs per corpus).
 * "The author of the Enduring Duel" is that work's author: "the author" names the paper only when
 * no "of" follows.
 */
const PAPER = /\b(the|this) (paper|article|study|presentation)\b|\bthe author\b(?!s?\s+of\b)/i;
/**
 * "Does the paper focus on…", "What does the author zoom in on?": a verb of treating a topic, whose
 * subject is the paper or its author, asks about the content. ("Cover" is left out: "What pages
 * does the paper cover?" asks its extent.)
 */
const TREATS =
  /\b(?:does|did|do|is|was)\s+(?:the|this|its)\s+(?:paper|article|study|report|presentation|author|abstract|piece)\s+(?:focus|focusing|discuss|discussing|address|addressing|examine|examining|deal|dealing|zoom|zooming|concentrate|concentrating|look|looking|center|centre|explore|exploring|analy[sz]e|analy[sz]ing|describe|describing)\b/i;
/** Words that make a question one about the works: a work noun ("works", not "work", a verb too), or a verb of publishing or citing. */
const WORK_WORDS = new RegExp(String.raw`\b${WORKS.replace('works?', 'works')}\b|\b(?:cite|cites|cited|citing|publish|published|publication|released|came out|come out|written|wrote|authored|bibliography|outlets?)\b`, 'i');
const OLDEST = /\b(oldest|earliest)\b/i;
/** Comparing a few works by date: "which of them is more recent / older". */
const NEWER = /\b(newer|newest|latest|later|more recent|most recent)\b/i;
const OLDER = /\b(older|oldest|earlier|earliest|less recent)\b/i;
const NEWEST = /\b(newest|latest|most recent|youngest)\b/i;
const TOPICAL = /\b(about|on|cover|covers|covering|discuss|discusses|address|addresses|deal with|deals with|focus on|focuses on|concern|concerns|examine|examines|mention|mentions|regarding|related to)\b/i;
const YEAR = /\b(?:19|20)\d{2}\b/g;
/** "Does the paper cite…", "Is Ashraf among the references?": about what the bibliography holds, not one work's record. */
const HOLDS = /\b(cite|cites|cited|include|includes|included|list|lists|listed|among)\b/i;
/** Verbs of an event ("happen", "take place", "strike"): a date asked with one is the event's. */
const EVENT_VERB = /\b(?:happen|happens|happened|occur|occurs|occurred|take place|takes place|took place|taken place|strike|strikes|struck|hit)\b/i;
/** "Did Hamming write…", "Was it published…": the verbs of a yes/no question about who made a work. */
const AUTHORSHIP = /\b(write|wrote|written|author|authored|edit|edited|publish|published|released|come out|came out)\b/i;
/** "Who…", "When…", "In which journal…", "What pages…": a question that asks a field of a work rather than which works there are. */
const FIELD_QUESTION =
  /^\W*(?:(?:and|so|but|also|ok|okay)\W+)?(?:who|when|where|(?:in|on) (?:which|what)|(?:which|what)(?:'s|’s| is| was| are| were)? (?:the )?(?:year|date|issue|volume|number|pages?|publisher|journal|outlet|editors?|authors?|title))\b/i;
/** "Who is Tassev writing for?", "Who is the paper's audience?": a "who" that asks whom a work addresses, not who made it. */
const ADDRESSEE = /\bwhom?\b(?:[^?]*\b(?:for|to|at|about|against|towards?)[\s?]*$|[^?]*\b(?:audience|readers?|readership|addressees?)\b)/i;
const REPORTING = String.raw`(?:say|says|said|argue|argues|argued|claim|claims|state|states|suggest|suggests|report|reports|note|notes|explain|explains|put it|puts it)`;

/**
 * "When was ISIS defeated, according to the paper?", "does Tassev say": the paper, or its author
 * by `names` (a pattern of the paper's authors' family names), as the teller of the content, which
 * asks none of the paper's fields.
 */
function attributionPattern(names: string | undefined): RegExp {
  const byName = names ? String.raw`|(?:${names})(?:'s|’s)?(?: (?:paper|article|study))?` : '';
  const teller = String.raw`(?:(?:the|this) (?:paper|article|study|presentation|author|abstract)${byName})`;
  return new RegExp(String.raw`\b(?:according to|in the (?:view|words) of) ${teller}|\b(?:as|does|did|do) ${teller} ${REPORTING}\b|\bin ${teller}(?:'s|’s)? (?:view|words)\b`, 'giu');
}
/** "Who edited the Combating Terrorism Center volume?": the volume is the book asked about, not a volume number. */
const VOLUME_AS_WORK = /\bwho\b[^?]*\bvolume\b|\bedited volume\b/i;
/** "Which references have Pakistan in the title?": the title is where to look, not what is asked. */
const IN_TITLE = /\bin (?:the|their|its|a) (?:titles?|headlines?)\b|\b(?:titles?|headlines?) (?:that )?(?:mention|mentions|include|includes|contain|contains|with)\b/i;
/** "The article titled Prison Break": naming a work, not asking its title, when another field is asked. */
const NAMING = /\b(titled|called|named)\b/i;
/** Words that make a question one about a publication, whose title or year may then be matched: "the authors of" a work, not "the author" who tells the paper. */
const ABOUT_A_WORK = /\b(publish|published|publication|released|come out|came out|written|wrote|write|authored|authors? of|co-?authors?|edited|editors?|article|report|piece|story|paper|study|book|chapter|title|titled|called|brief|explainer|snapshot|reference|source|work)\b/i;


/**
 * The question without the words that cite the paper as the teller of its content ("according to
 * the paper", "does Tassev say"): what is left is what the passages must hold.
 */
export const withoutAttribution = (question: string, ctx: BibliographyContext): string => catalogueOf(ctx).withoutAttribution(question);
/** "Does the abstract say ISIS is a state?" keeps its "Does": it is still a yes/no question. */
const LEADING_AUXILIARY = /^(?:does|did|do)\b/i;
const FROM_YEAR = /\bfrom (?:19|20)\d{2}\b/;
/** Questions stripped and remembered per catalogue. */
const MEMO_SIZE = 5_000;

/** Answers a question about the bibliography from the metadata; undefined when it asks about the content. */
export function answerBibliographic(asked: string, ctx: BibliographyContext, cite: CitationList): string | undefined {
  const catalogue = catalogueOf(ctx);
  // Without the words that cite the paper for its content, what is left asks what the question asks.
  const question = catalogue.withoutTeller(asked);
  // Most questions are not about the bibliography, and their wording says so: settled here by one
  // pattern, before the question meets the dozen below and every work's authors and outlets.
  // "Is Eggink's snapshot from 2024?": a yes/no question about a work "from" a year checks its
  // record; "Does the paper discuss the takeover of Kabul in 2021?" asks about content.
  const checksYear = isYesNoQuestion(question) && FROM_YEAR.test(question);
  if (!MENTIONS_BIBLIOGRAPHY.test(question) && !catalogue.citesPaperAuthor.test(question) && !checksYear) return undefined;
  // "Which issue does the paper focus on?" asks what the paper treats, whatever field word it has.
  if (TREATS.test(question) && !LISTING.test(question)) return undefined;
  const fields = askedFields(question);
  // "The latest reference", not "the latest attack": the oldest and newest of the works.
  const aboutWorks = WORK_WORDS.test(question);
  const extremes = (OLDEST.test(question) || NEWEST.test(question)) && aboutWorks;
  const listing = !(fields.length && FIELD_QUESTION.test(question) && !extremes) && (LISTING.test(question) || extremes);
  const { paper, works } = catalogue;
  const mentions = mentionsIn(question, catalogue, ctx);
  const { byAuthor, byOutlet, years, range, inRange, named } = mentions;

  // "Which think tanks are cited?" — a kind of outlet, not a named one.
  const kind = byAuthor.length || byOutlet.length ? undefined : OUTLET_KINDS.find(([re]) => re.test(question))?.[1];
  // "Which think tanks are cited?", not "Which institute is Tassev affiliated with?".
  // (A named work's own publisher is a field: "Which think tank published the snapshot on ISKP?")
  const ownField = () => fields.length > 0 && namedWork(question, mentions, catalogue, ctx) !== undefined;
  if (kind && aboutWorks && /\b(which|what|list|name|how many)\b/i.test(question) && !ownField()) {
    // "Which works by think tanks discuss Pakistan?": a topic put as one narrows the kind's works.
    const topic = TOPICAL.test(question) || IN_TITLE.test(question) ? topicOf(question.replace(KIND_WORDS, ' '), mentions, works, ctx) : undefined;
    return byOutletKind(kind, works, ctx, cite, topic);
  }

  if (paper && (CITE.test(question) || catalogue.citesPaperAuthor.test(question)) && !LISTING.test(question)) return citePaper(question, paper, cite);

  // "Was Ashraf's report published in 2019?" is settled by one work's record; "Does the paper cite
  // anything by Ashraf?" by the list, whether it holds any such work.
  const yesNo = isYesNoQuestion(question);
  const holds = yesNo && HOLDS.test(question) && (named.length > 0 || years.length > 0);
  const settled = yesNo && !holds ? recordVerdict(question, mentions, { paper, works, listing }, ctx, cite) : undefined;
  if (settled) return settled;
  const listFields = !fields.some((f) => f !== 'year' && f !== 'authors' && f !== 'publisher');
  // "Which sources discuss Tajikistan or Central Asian fighters?": each criterion's works, joined.
  const joined = (listing || holds || CITES_ON.test(question)) && listFields && !extremes ? criteriaList(question, catalogue, ctx) : undefined;
  if (joined) return withVerdict(yesNo ? (joined.matches.length ? 'yes' : 'no') : undefined, list(joined.filter, joined.matches, works.length, cite));
  if ((listing || holds) && listFields) {
    const filtered = works.filter(
      (s) => (!years.length || inRange(s)) && (!byAuthor.length || byAuthor.includes(s)) && (!byOutlet.length || byOutlet.includes(s)),
    );
    if (OLDEST.test(question) || NEWEST.test(question)) return extreme(question, filtered.length ? filtered : works, cite);
    if (years.length || named.length) {
      // "Which references from 2023 mention Afghanistan in their titles?": a topic, put as one
      // ("about", "mention", "in the title"), beside the year or the name narrows the list further, as "and" would.
      // (An outlet's name, which the topic's words would keep in part, and a yes/no question, settled by the list as it is, are left as they were.)
      const topical = !yesNo && !byOutlet.length && (TOPICAL.test(question) || IN_TITLE.test(question));
      const topic = topical ? topicOf(question, mentions, filtered, ctx) : undefined;
      const selected = topic ? topic.matches : filtered;
      const filter = describeFilter(question, range?.label ?? `from ${years.join(' or ')}`, years, byAuthor, byOutlet);
      const answer = list(topic ? `${filter} and ${topic.label} (going by their titles)` : filter, selected, works.length, cite);
      return withVerdict(yesNo ? (selected.length ? 'yes' : 'no') : undefined, answer);
    }
    // "Which sources cover X?" lists the works whose titles hold X; with no X it is the whole list.
    if (ctx.support.focusTerms(withoutListingWords(question)).length) {
      // "Is Russia mentioned anywhere in the references?": the titles that hold it say yes; none found is left to the passages.
      const found = topical(question, works, ctx, cite);
      return found && withVerdict(yesNo ? 'yes' : undefined, found);
    }
    return list('The paper cites', works, works.length, cite, true);
  }

  if (!fields.length) return undefined;
  const match = namedWork(question, mentions, catalogue, ctx);
  if (match) return describeMatch(match, fields.filter((f) => f !== 'year' || !years.length), cite);
  if (paper && namesPaper(question, catalogue)) return paperFacts(paper, fields, cite);
  // "When was it published?" with nothing else asked about: the paper is the default subject.
  if (paper && ctx.support.focusTerms(withoutFieldWords(question)).length === 0) return paperFacts(paper, fields, cite);
  return undefined;
}

/** "Which of those two…", "which of them": a choice among the works the last answer listed. */
const AMONG_EARLIER = /\bwhich (?:one )?of (?:those|these|them|the two|the three|the (?:two|three|four) of them)\b/i;

/**
 * "Which of those two is about a prison break?" after an answer that listed works: the listed
 * works (by their full titles in that answer) whose titles hold what the question asks. Undefined
 * when the question chooses among nothing, or the last answer lists fewer than two works.
 */
export function answerAmongEarlierWorks(question: string, history: readonly Turn[] | undefined, ctx: BibliographyContext, cite: CitationList): string | undefined {
  if (!AMONG_EARLIER.test(question)) return undefined;
  const previous = [...(history ?? [])].reverse().find((t) => t.role === 'assistant')?.content.toLowerCase();
  if (!previous) return undefined;
  const { works } = catalogueOf(ctx);
  const listed = works.filter((s) => previous.includes(s.title.toLowerCase()));
  if (listed.length < 2) return undefined;
  // "Which of them is more recent?": a choice by date, not by a title's words ("New" in a title is no date).
  const newer = NEWER.test(question);
  if (newer || OLDER.test(question)) {
    const years = listed.flatMap((s) => (s.year === null ? [] : [s.year]));
    if (!years.length) return undefined;
    const year = newer ? Math.max(...years) : Math.min(...years);
    const dated = listed.filter((s) => s.year === year);
    const which = newer ? 'the most recent' : 'the oldest';
    return bulleted(dated.length === 1 ? `Of the ${listed.length} works, ${which} is from ${year}:` : `Of the ${listed.length} works, ${numberWord(dated.length)} are ${which}, from ${year}:`, dated, cite);
  }
  const focus = ctx.support.focusTerms(question.replace(AMONG_EARLIER, ' ').replace(LISTING_WORDS, ' '));
  // A choice among a few: the titles that hold most of what is asked, however little, win.
  const coverage = listed.map((s) => (focus.length ? ctx.support.support(focus, namesOf(s).heading).coverage : 0));
  const best = Math.max(...coverage);
  if (best <= 0) return undefined;
  const chosen = listed.filter((_, i) => coverage[i] === best);
  const lead = chosen.length === 1 ? `Of the ${listed.length} works, one is:` : `Of the ${listed.length} works, ${numberWord(chosen.length)} are:`;
  return bulleted(lead, chosen, cite);
}

/**
 * A follow-up that asks a field and names no work ("Who published it?", "What pages?", "And the
 * year?"): answered about the one work the latest earlier turn, the user's or the bot's, named.
 * Undefined when the question names its own subject, or the latest turn that names works names several.
 */
export function answerAboutEarlierWork(question: string, history: readonly Turn[] | undefined, ctx: BibliographyContext, cite: CitationList): string | undefined {
  const fields = askedFields(question);
  if (!history?.length || !fields.length || LISTING.test(question) || OLDEST.test(question) || NEWEST.test(question)) return undefined;
  const catalogue = catalogueOf(ctx);
  // "What's the page range of the second one?": the work at that place in the list the last answer gave.
  const ordinal = ORDINAL.exec(question);
  if (ordinal) {
    const previous = [...history].reverse().find((t) => t.role === 'assistant')?.content.toLowerCase() ?? '';
    const listed = catalogue.works.map((s) => ({ s, at: previous.indexOf(s.title.toLowerCase()) })).filter((w) => w.at >= 0).sort((a, b) => a.at - b.at);
    const word = ordinal[1]!.toLowerCase();
    const chosen = word === 'last' ? listed.at(-1) : listed[ORDINALS.indexOf(word) % 4];
    return chosen && listed.length > 1 ? describeMatch({ works: [chosen.s], tie: false }, fields, cite) : undefined;
  }
  if (!REFERS_BACK.test(question) && ctx.support.focusTerms(withoutFieldWords(question)).length) return undefined;
  for (const turn of [...history].reverse()) {
    const match = subjectOf(turn.content, catalogue, ctx);
    if (match) return match.tie || match.works.length > 1 ? undefined : describeMatch(match, fields, cite);
  }
  return undefined;
}

/** "The second one", "the last reference": a place in the list the last answer gave. */
const ORDINALS = ['first', 'second', 'third', 'fourth', '1st', '2nd', '3rd', '4th'];
const ORDINAL = /\bthe (first|second|third|fourth|1st|2nd|3rd|4th|last) (?:one|work|reference|source|article|report|piece|item|title)\b/i;
/** A pronoun that points back at a work named before ("who published it?", "its pages"). */
const REFERS_BACK = /\b(it|its|they|them|their|that|this|those|these)\b/i;

/** The work (or the paper) a turn of the conversation names, if any. */
function subjectOf(text: string, catalogue: Catalogue, ctx: BibliographyContext): WorkMatch | undefined {
  const match = namedWork(text, mentionsIn(text, catalogue, ctx), catalogue, ctx);
  if (match) return match;
  return catalogue.paper && namesPaper(text, catalogue) ? { works: [catalogue.paper], tie: false } : undefined;
}

/** The fields a question asks of a record, without the words it names the work by ("the CTC volume", "the article titled…"). */
function askedFields(question: string): Field[] {
  const fields = (Object.keys(FIELDS) as Field[]).filter((f) => FIELDS[f].test(question));
  return fields.filter(
    (f) =>
      // "On what date did the bombing covered by CBS happen?" asks the event's date, not the report's.
      !(f === 'year' && EVENT_VERB.test(question) && !AUTHORSHIP.test(question)) &&
      !(f === 'authors' && ADDRESSEE.test(question)) &&
      !(f === 'volume' && VOLUME_AS_WORK.test(question) && !/\b(issue|number)\b/i.test(question)) &&
      !(f === 'title' && fields.length > 1 && NAMING.test(question) && !/\btitle\b/i.test(question)) &&
      !(f === 'title' && IN_TITLE.test(question)),
  );
}

/** What a question names: works by the author and outlet it names, the years it names, and how to test a work against them. */
function mentionsIn(question: string, { works, anyAuthor, outletEntities }: Catalogue, ctx: BibliographyContext): Mentions & { range?: ReturnType<typeof yearRange>; inRange: (s: Source) => boolean; named: Source[] } {
  const years = [...new Set(question.match(YEAR) ?? [])].map(Number);
  const range = yearRange(question);
  const inRange = (s: Source) => (range ? s.year !== null && s.year >= range.from && s.year <= range.to : s.year !== null && years.includes(s.year));
  // Most questions name no author and no outlet: one test each settles that for all works at once.
  const byAuthor = anyAuthor?.test(question) ? works.filter((s) => mentionsAuthor(question, s)) : [];
  const lower = question.toLowerCase();
  const asked = ctx.terms.entities(question);
  const outletAsked = asked.some((e) => outletEntities.has(e));
  const namesOutletOf = (s: Source) => namesOutlet(lower, s) || (outletAsked && mentionsOutlet(asked, s, ctx.terms));
  const byOutlet = works.filter(namesOutletOf);
  const both = byAuthor.filter((s) => byOutlet.includes(s));
  const named = both.length ? both : byAuthor.length ? mostNamed(question, byAuthor) : byOutlet;
  return { byAuthor, byOutlet, years, range, inRange, inYears: years.length || range ? inRange : undefined, namesOutletOf, named };
}

/**
 * "Alkhouri and Webber's article": of the works by someone the question names, those by the most
 * of the people it names, so a work by both is not tied with one by only one of them.
 */
function mostNamed(question: string, works: Source[]): Source[] {
  // Distinct people: Jadoon, author and editor of one chapter, is named once.
  const count = (s: Source) => new Set([...s.authors, ...s.editors].filter((a) => mentionsAuthor(question, { ...s, authors: [a], editors: [] })).map(familyName)).size;
  const counts = works.map(count);
  const most = Math.max(...counts);
  const best = works.filter((_, i) => counts[i] === most);
  // "Hamming's article": a possessive of the one person named is the work they wrote first, not one they co-wrote.
  if (most !== 1) return best;
  const own = best.filter((s) => s.authors[0] !== undefined && possessiveOf(familyName(s.authors[0])).test(question));
  return own.length && own.length < best.length ? own : best;
}

const possessiveOf = (family: string) => new RegExp(String.raw`(?<![\p{L}])${escapeRegExp(family)}(?:'s|’s)`, 'iu');

/** Generic names of a work ("the chapter", "the volume"): they name no particular one. */
const WORK_NOUNS = /\b(article|report|piece|story|stories|paper|study|book|chapter|volume|collection|essay|work|source|reference|publication|entry)s?\b/gi;

/**
 * The work a question points at: among those its author, outlet or year name (else, if it asks
 * about a publication at all, among every work and the paper), the one whose title best holds its
 * other words, or the two it cannot tell apart.
 */
function namedWork(question: string, m: ReturnType<typeof mentionsIn>, catalogue: Catalogue, ctx: BibliographyContext): WorkMatch | undefined {
  const { paper, works } = catalogue;
  // Only a question about a publication may be matched to a title or a year: "when was ISIS
  // defeated?" is about an event, even though a reference is titled "Defeated and Detained".
  const aboutWork = ABOUT_A_WORK.test(question);
  const inYears = m.inYears ? works.filter(m.inRange) : [];
  const named = m.named.length ? (m.inYears && m.named.some(m.inRange) ? m.named.filter(m.inRange) : m.named) : aboutWork ? inYears : [];
  const pool = named.length ? named : aboutWork ? (paper ? [...works, paper] : works) : [];
  const names = [...m.named.flatMap((s) => [...s.authors, ...s.editors].map(familyName)), ...m.byOutlet.map((s) => namesOf(s).outlet), ...m.years].join(' ; ');
  const said = new Set(ctx.support.questionTerms(names));
  const focus = catalogue.namingTerms(withoutFieldWords(question).replace(WORK_NOUNS, ' ')).filter((t) => !said.has(t));
  return matchWork(pool, focus, ctx.support, named.length > 0, (s) => `${s.title} ${s.container ?? ''}`);
}

/** The asked fields of the work a question named, or of both works it could not tell apart, saying so. */
function describeMatch(match: WorkMatch, fields: Field[], cite: CitationList): string {
  const lines = match.works.map((s) => (s.kind === 'paper' ? paperFacts(s, fields, cite) : describeFields(s, fields, cite)));
  return match.tie ? [`Two references fit the question equally well:`, ...lines.map((l) => `- ${l}`)].join('\n') : lines.join('\n');
}

// Compiled once: these run on every bibliographic question.
const LISTING_WORDS = new RegExp(`\\b${WORKS}\\b|${TOPICAL.source}|\\b(list|show|all|every|total|count|number|cited|cite|cites|paper's|include|includes|titles?|headlines?)\\b`, 'gi');
/**
 * The words that ask for a field or say a work was published, one by one: taking out whole field
 * matches ("where … published") would take out the title words between them too.
 */
const FIELD_WORDS =
  /\b(pages?|pp|volume|issue|number|editors?|edited|who|whom|whose|wrote|write|writes|authored|authors?|written|publishers?|published|publish|appear|appeared|outlet|journal|institute|institution|think|tank|organi[sz]ation|put|brought|newspaper|magazine|site|released|issued|carried|ran|run|printed|when|where|what|which|year|date|how old|how recent|title|titled|called|named)\b/gi;

const withoutListingWords = (question: string) => question.replace(LISTING_WORDS, ' ');

const withoutFieldWords = (question: string) => question.replace(FIELD_WORDS, ' ');

/** What a question is matched against in a work, derived once per work rather than per question. */
interface WorkNames {
  /** Whole-word patterns of the family names of its authors and editors. */
  authors: RegExp[];
  /** Publisher, container and corporate author, lowercased, as a question may spell them out. */
  outlets: string[];
  /** Publisher and container, for glossary matching; empty when it has neither. */
  outlet: string;
  /** Title, publisher and container: what a question about a work's topic is matched against. */
  heading: string;
}

const workNames = new WeakMap<Source, WorkNames>();

/** The bibliography's works and what questions are matched against, derived once per context. */
interface Catalogue {
  paper?: Source;
  /** The paper's authors' family names as whole words; matches nothing without a paper. */
  paperAuthor: RegExp;
  /** "cite Tassev": the paper asked for by its author's name. */
  citesPaperAuthor: RegExp;
  /** A question without the words that cite the paper, or its author by name, for the content (see `attributionPattern`), a yes/no question keeping its auxiliary; remembered, as every question is stripped more than once. */
  withoutAttribution: (question: string) => string;
  /** A question without its attribution at all, for the bibliography's own patterns; remembered. */
  withoutTeller: (question: string) => string;
  works: Source[];
  /** Matches wherever any work's author pattern would; undefined when no work has one. */
  anyAuthor?: RegExp;
  /** Glossary entities that name some work's outlet (`namesAnOutlet`). */
  outletEntities: ReadonlySet<string>;
  /**
   * What a question names a work by: its topic terms, and its framing words that some title
   * holds ("the *explainer* on ISIS-K", "the *Examining* Extremism overview"), which weigh nothing
   * as topics but are the very words a title is known by.
   */
  namingTerms: (text: string) => string[];
}

const catalogues = new WeakMap<BibliographyContext, Catalogue>();

function catalogueOf(ctx: BibliographyContext): Catalogue {
  let catalogue = catalogues.get(ctx);
  if (!catalogue) {
    const works = ctx.sources.filter((s) => s.kind === 'reference' || s.kind === 'document');
    const patterns = works.flatMap((s) => namesOf(s).authors.map((re) => re.source));
    const outlets = works.map((s) => namesOf(s).outlet).filter(Boolean);
    const outletEntities = new Set(outlets.flatMap((outlet) => ctx.terms.entities(outlet)).filter((e) => namesAnOutlet(e, ctx.terms)));
    const paper = ctx.sources.find((s) => s.kind === 'paper');
    const families = paper ? paper.authors.map(familyName).filter((family) => family.length > 2).map(escape) : [];
    const names = families.length ? families.join('|') : undefined;
    const attribution = attributionPattern(names);
    const titled = new Set(works.flatMap((s) => ctx.terms.terms(`${s.title} ${s.container ?? ''}`)));
    catalogue = {
      paper,
      paperAuthor: names ? new RegExp(String.raw`(?<![\p{L}])(?:${names})(?![\p{L}])`, 'iu') : NOTHING,
      citesPaperAuthor: names ? new RegExp(String.raw`\bcite (?:${names})(?![\p{L}])`, 'iu') : NOTHING,
      withoutAttribution: memoize((question) => question.replace(attribution, (phrase) => ` ${LEADING_AUXILIARY.exec(phrase)?.[0] ?? ''} `), MEMO_SIZE),
      withoutTeller: memoize((question) => question.replace(attribution, ' '), MEMO_SIZE),
      works,
      anyAuthor: patterns.length ? new RegExp([...new Set(patterns)].join('|'), 'iu') : undefined,
      outletEntities,
      namingTerms: (text) => ctx.support.questionTerms(text).filter((t) => ctx.support.isTopic(t) || titled.has(t)),
    };
    catalogues.set(ctx, catalogue);
  }
  return catalogue;
}

/** A pattern that matches no text. */
const NOTHING = /(?!)/;

/** Whether a text names the paper: by a phrase ("this paper", "the author") or by its author's name. */
function namesPaper(text: string, catalogue: Catalogue): boolean {
  return PAPER.test(text) || catalogue.paperAuthor.test(text);
}

function namesOf(s: Source): WorkNames {
  let names = workNames.get(s);
  if (!names) {
    const families = [...s.authors, ...s.editors].map((name) => familyName(name).replace(/^the\s+/i, '')).filter((family) => family.length > 2);
    const outlets = [s.publisher, s.container, s.authors.length === 1 && !s.authors[0]!.includes(',') ? s.authors[0] : null];
    names = {
      authors: families.map((family) => new RegExp(`(?<![\\p{L}])${escapeRegExp(family)}(?![\\p{L}])`, 'iu')),
      outlets: outlets.filter((name): name is string => !!name && name.length > 3).map((name) => name.toLowerCase().replace(/^the\s+/, '')),
      outlet: [s.publisher, s.container].filter(Boolean).join(' ; '),
      heading: `${s.title} ${s.publisher ?? ''} ${s.container ?? ''}`,
    };
    workNames.set(s, names);
  }
  return names;
}

/** "Jadoon", "A. Jadoon", "Amira Jadoon" all name `Jadoon, A.`; corporate authors by their whole name. */
function mentionsAuthor(question: string, s: Source): boolean {
  return namesOf(s).authors.some((pattern) => pattern.test(question));
}

function mentionsOutlet(asked: readonly string[], s: Source, terms: TermModel): boolean {
  const { outlet } = namesOf(s);
  if (!outlet) return false;
  return terms.entities(outlet).some((e) => asked.includes(e) && namesAnOutlet(e, terms));
}

/** "CTC Sentinel" in an outlet names it; "Afghanistan" or "ISKP" in a journal's name does not. */
const namesAnOutlet = (entity: string, terms: TermModel) => !['place', 'group'].includes(terms.entry(entity)?.kind ?? '');

/** `lowerQuestion`: the question lowercased, once for all works. */
function namesOutlet(lowerQuestion: string, s: Source): boolean {
  return namesOf(s).outlets.some((name) => lowerQuestion.includes(name));
}

/** "before 2020", "older than 2020", "since 2022", "between 2018 and 2021": an inclusive range and how to say it. */
function yearRange(question: string): { from: number; to: number; label: string } | undefined {
  const between = /\bbetween\s+((?:19|20)\d{2})\s+and\s+((?:19|20)\d{2})\b/i.exec(question);
  if (between) return { from: Number(between[1]), to: Number(between[2]), label: `from ${between[1]} to ${between[2]}` };
  const before = /\b(?:before|older than|earlier than|prior to|predates?|predating|preceding)\s+((?:19|20)\d{2})\b/i.exec(question);
  if (before) return { from: 0, to: Number(before[1]) - 1, label: `from before ${before[1]}` };
  const after = /\b(?:after|newer than|later than|more recent than|postdates?|postdating|following)\s+((?:19|20)\d{2})\b/i.exec(question);
  if (after) return { from: Number(after[1]) + 1, to: 9999, label: `from after ${after[1]}` };
  const since = /\b(?:since|from)\s+((?:19|20)\d{2})\s+on(?:wards?)?\b|\bsince\s+((?:19|20)\d{2})\b/i.exec(question);
  if (since) return { from: Number(since[1] ?? since[2]), to: 9999, label: `from ${since[1] ?? since[2]} on` };
  return undefined;
}

function describeFilter(question: string, when: string, years: number[], byAuthor: Source[], byOutlet: Source[]): string {
  const parts: string[] = [];
  if (byAuthor.length) parts.push(`by ${commonAuthor(question, byAuthor)}`);
  if (byOutlet.length && !byAuthor.length) parts.push(`from ${commonOutlet(byOutlet)}`);
  if (years.length) parts.push(when);
  return parts.join(' ');
}

function commonAuthor(question: string, works: Source[]): string {
  for (const s of works) for (const a of [...s.authors, ...s.editors]) if (mentionsAuthor(question, { ...s, authors: [a], editors: [] })) return familyName(a);
  return 'that author';
}

function commonOutlet(works: Source[]): string {
  const names = works.map((s) => s.publisher ?? s.container ?? '');
  return names.find((n) => names.every((m) => m === n)) ?? names[0] ?? 'that outlet';
}

/** A lead line, then one cited line per work, oldest first. */
const bulleted = (lead: string, works: Source[], cite: CitationList) => [lead, ...sortByYear(works).map((s) => `- ${entryLine(s)} ${cite.cite(s, s.text)}`)].join('\n');

function list(filter: string, matches: Source[], total: number, cite: CitationList, all = false): string {
  if (!matches.length) return `None of the ${total} references in the paper's bibliography is ${filter}.`;
  const lead = all
    ? `The paper cites ${total} references:`
    : matches.length === 1
      ? `One of the ${total} references is ${filter}:`
      : `${capitalise(numberWord(matches.length))} of the ${total} references are ${filter}:`;
  return bulleted(lead, matches, cite);
}

function extreme(question: string, works: Source[], cite: CitationList): string {
  const dated = works.filter((s) => s.year !== null);
  const oldest = OLDEST.test(question);
  const target = oldest ? Math.min(...dated.map((s) => s.year!)) : Math.max(...dated.map((s) => s.year!));
  const hits = sortByYear(dated.filter((s) => s.year === target));
  const word = oldest ? 'oldest' : 'newest';
  const lead = hits.length === 1 ? `The ${word} reference is from ${target}:` : `The ${word} references are from ${target}:`;
  return [lead, ...hits.map((s) => `- ${entryLine(s)} ${cite.cite(s, s.text)}`)].join('\n');
}

const OUTLET_KINDS: [RegExp, 'institute' | 'outlet'][] = [
  [/\bthink[- ]?tanks?\b|\binstitutes?\b|\bresearch (centers?|centres?|organi[sz]ations?|institutions?)\b/i, 'institute'],
  [/\bnews(papers?| outlets?| media| organi[sz]ations?| sites?| sources?| reports?| articles?)\b|\bmedia (outlets?|sources?|reports?)\b|\bjournalis(m|ts?)\b|\bthe press\b|\bnewspapers?\b/i, 'outlet'],
];

/**
 * Matches wherever any of the patterns that can make a question bibliographic would (a field, a
 * listing, the oldest or newest, how to cite, a kind of outlet): their union, one pass instead of
 * a dozen. All are case-insensitive without the `u` flag, which would make this one several
 * times slower than all of them.
 */
const MENTIONS_BIBLIOGRAPHY = new RegExp(
  [...Object.values(FIELDS), LISTING, OLDEST, NEWEST, CITE, HOLDS, AUTHORSHIP, ...OUTLET_KINDS.map(([re]) => re)].map((re) => `(?:${re.source})`).join('|'),
  'i',
);
const KIND_NAMES = { institute: 'think tanks and research institutes', outlet: 'news outlets and periodicals' };

/** "Which think tanks are cited?": works whose publisher, container or corporate author the glossary files under that kind. */
function byOutletKind(kind: 'institute' | 'outlet', works: Source[], ctx: BibliographyContext, cite: CitationList, topic?: Criterion): string {
  const matches = works.filter(
    (s) =>
      ctx.terms.entities([s.publisher, s.container, ...s.authors.filter((a) => !a.includes(','))].filter(Boolean).join(' ; ')).some((e) => ctx.terms.entry(e)?.kind === kind) &&
      (!topic || topic.matches.includes(s)),
  );
  return list(`from ${KIND_NAMES[kind]}${topic ? ` and ${topic.label} (going by their titles)` : ''}`, matches, works.length, cite);
}

/** The words that name a kind of outlet, to leave a list question's topic ("Which think tanks discuss Pakistan?"). */
const KIND_WORDS = new RegExp(OUTLET_KINDS.map(([re]) => re.source).join('|'), 'gi');

/** Sources whose title and outlet hold what the question asks about ("which sources cover Tajikistan"). */
function topical(question: string, works: Source[], ctx: BibliographyContext, cite: CitationList): string | undefined {
  const matches = titleMatches(ctx.support.focusTerms(withoutListingWords(question)), works, ctx, IN_TITLE.test(question));
  if (!matches.length) return undefined;
  const lead = matches.length === 1 ? 'One reference addresses this in its title:' : `${capitalise(numberWord(matches.length))} references address this in their titles:`;
  return bulleted(lead, matches, cite);
}

/**
 * The works whose title and outlet hold all of `focus`, or (of three terms or more) most of it.
 * A place named inside a longer name counts ("Tehrik-e-Taliban Pakistan" is about Pakistan), and
 * when the question goes by the words (`literal`: "Taliban in the title"), any name inside one.
 */
function titleMatches(focus: string[], works: Source[], ctx: BibliographyContext, literal = false): Source[] {
  const coverage = (s: Source) => {
    const { heading } = namesOf(s);
    const { coverage, missing } = ctx.support.support(focus, heading);
    if (!missing.length) return coverage;
    const written = ctx.terms.written(heading);
    // Beyond the words as written, a place inside a name still says where its bearer is from: the Pakistani Taliban's title is about Pakistan.
    const counts = (t: string) => written.has(t) && (literal || ctx.terms.entry(t)?.kind === 'place');
    return missing.every(counts) ? 1 : coverage;
  };
  return works.filter((s) => {
    const c = coverage(s);
    return c >= 0.99 || (focus.length > 2 && c >= 0.66);
  });
}

/** "What does the paper cite on X or Y?": a list question in words LISTING leaves to passages when it names one topic. */
const CITES_ON = /\bwhat\b[^?]*\bcites?\b\s+(?:on|about|regarding|concerning)\b/i;
/** Words of a list question that name no topic ("both", "either", "in their titles"). */
const FILLER = /\b(?:both|either|neither|also|come|comes|came|titles?|ones?|other)\b/gi;

/** One criterion of a list question: which kind it is, how a lead says it, and the works it selects. */
interface Criterion {
  kind: 'year' | 'author' | 'outlet' | 'topic';
  label: string;
  matches: Source[];
}

/**
 * A list question whose criteria are joined by "or" (a union) or "and" (an intersection): what it
 * selects and how to say it. Undefined, so the question is answered as before, when it has one
 * criterion, a part names none, a topic is in no title, "or" joins a part of several criteria, it
 * joins only years or "and" only outlets (one value each: "from 2018 and 2022" means either), or
 * it is topics joined by "and" that the titles already hold together.
 */
function criteriaList(question: string, catalogue: Catalogue, ctx: BibliographyContext): { filter: string; matches: Source[] } | undefined {
  const split = splitCriteria(question, (left, right) => keepsNames(question, left, right, catalogue, ctx));
  if (!split) return undefined;
  const parts = split.parts.map((part) => criteriaOf(part, catalogue, ctx));
  // A topic no title holds is not settled by the bibliography; a year, author or outlet is.
  if (parts.some((p) => !p.length || (split.join === 'or' && p.length > 1)) || parts.flat().some((c) => c.kind === 'topic' && !c.matches.length)) return undefined;
  const criteria = parts.flat();
  const kinds = new Set(criteria.map((c) => c.kind));
  if (kinds.size === 1 && (kinds.has('year') || (kinds.has('outlet') && split.join === 'and'))) return undefined;
  if (kinds.size === 1 && kinds.has('topic') && split.join === 'and' && titleMatches(ctx.support.focusTerms(withoutListingWords(question)), catalogue.works, ctx).length) return undefined;
  const matches = combine(split.join, catalogue.works, criteria.map((c) => c.matches));
  const byTitle = kinds.has('topic') ? ' (going by their titles)' : '';
  return { filter: `${describeCriteria(split.join, criteria.map((c) => c.label))}${byTitle}`, matches };
}

/** Whether cutting a question into `left` and `right` leaves whole every glossary name, outlet and year range in it. */
function keepsNames(question: string, left: string, right: string, catalogue: Catalogue, ctx: BibliographyContext): boolean {
  const same = (whole: readonly unknown[], a: readonly unknown[], b: readonly unknown[]) => new Set([...a, ...b]).size === new Set(whole).size && whole.every((x) => a.includes(x) || b.includes(x));
  const outlets = (text: string) => catalogue.works.filter((s) => namesOutlet(text.toLowerCase(), s));
  const range = (text: string) => yearRange(text)?.label;
  return (
    same(ctx.terms.entities(question), ctx.terms.entities(left), ctx.terms.entities(right)) &&
    same(outlets(question), outlets(left), outlets(right)) &&
    same([range(question)].filter(Boolean), [range(left)].filter(Boolean), [range(right)].filter(Boolean))
  );
}

/** The criteria one part of a list question names: its years, its author, its outlet, its topic. */
function criteriaOf(part: string, catalogue: Catalogue, ctx: BibliographyContext): Criterion[] {
  const m = mentionsIn(part, catalogue, ctx);
  const criteria: Criterion[] = [];
  if (m.years.length || m.range) criteria.push({ kind: 'year', label: m.range?.label ?? `from ${m.years.join(' or ')}`, matches: catalogue.works.filter(m.inRange) });
  // "The Soufan Center" is both the author and the outlet of its brief: one criterion, the outlet.
  const corporate = m.byAuthor.every((s) => m.byOutlet.includes(s));
  if (m.byAuthor.length && !corporate) criteria.push({ kind: 'author', label: `by ${commonAuthor(part, m.byAuthor)}`, matches: m.byAuthor });
  if (m.byOutlet.length) criteria.push({ kind: 'outlet', label: `from ${commonOutlet(m.byOutlet)}`, matches: m.byOutlet });
  const topic = topicOf(part, m, catalogue.works, ctx);
  return topic ? [...criteria, topic] : criteria;
}

/**
 * What a part of a list question asks about besides names and years, and the works whose titles
 * hold it; when none holds all of it, those that hold its glossary names ("Central Asian
 * fighters": the works on Central Asia).
 */
function topicOf(part: string, m: ReturnType<typeof mentionsIn>, works: Source[], ctx: BibliographyContext): Criterion | undefined {
  const said = new Set(ctx.support.focusTerms(namesSaid(m)));
  const words = withoutFieldWords(withoutListingWords(part)).replace(FILLER, ' ').split(/[\s?!.,;:]+/).filter(Boolean);
  const focus = ctx.support.focusTerms(words.join(' ')).filter((t) => !said.has(t));
  if (!focus.length) return undefined;
  const strict = titleMatches(focus, works, ctx);
  const entities = ctx.terms.entities(words.join(' ')).filter((e) => focus.includes(e));
  const matches = strict.length || !entities.length ? strict : works.filter((s) => entities.every((e) => ctx.terms.termSet(namesOf(s).heading).has(e)));
  return { kind: 'topic', label: `about ${topicWords(words, focus, ctx)}`, matches };
}

/** The family names of the authors, the outlets and the years a question names, as one text: words that are not its topic. */
const namesSaid = (m: Mentions) => [...m.byAuthor.flatMap((s) => [...s.authors, ...s.editors].map(familyName)), ...m.byOutlet.map((s) => namesOf(s).outlet), ...m.years].join(' ; ');

/** The shortest run of `words` that still holds every term of `focus`: how a lead names the topic. */
function topicWords(words: string[], focus: string[], ctx: BibliographyContext): string {
  const holds = (from: number, to: number) => {
    const terms = new Set(ctx.support.focusTerms(words.slice(from, to).join(' ')));
    return focus.every((t) => terms.has(t));
  };
  let from = 0;
  while (from < words.length - 1 && holds(from + 1, words.length)) from++;
  let to = words.length;
  while (to > from + 1 && holds(from, to - 1)) to--;
  return words.slice(from, to).join(' ');
}

/** The work whose title the question names, if one clearly stands out; `named`: terms to leave out (names of authors, outlets). */
function byTitle(question: string, works: Source[], ctx: BibliographyContext, named: ReadonlySet<string> = new Set()): Source | undefined {
  const focus = ctx.support.focusTerms(withoutFieldWords(question)).filter((t) => !named.has(t));
  if (focus.length < 2) return undefined;
  const ranked = works
    .map((s) => ({ s, c: ctx.support.support(focus, s.title).coverage }))
    .sort((a, b) => b.c - a.c);
  const [best, second] = ranked;
  return best && best.c >= 0.6 && (!second || best.c - second.c >= 0.15) ? best.s : undefined;
}

/** What a question names besides a work's title: authors, outlets and years, each a value to check against a record. */
interface Mentions {
  byAuthor: Source[];
  byOutlet: Source[];
  years: number[];
  /** Whether a work is from the year (or range) the question names; undefined when it names none. */
  inYears?: (s: Source) => boolean;
  /** Whether the question names a work's outlet (publisher, container or corporate author). */
  namesOutletOf: (s: Source) => boolean;
}

/** A value a yes/no question asks to confirm, and the field that states the true one. */
interface Check {
  field: Field;
  holds: (s: Source) => boolean;
}

/**
 * "Was Ashraf's report published in 2019?", "Did Hamming write the paper?": "Yes." or "No." by
 * the record of the work the question is about, then the true values, cited. Undefined when the
 * question names no work, or nothing to check about it.
 */
function recordVerdict(question: string, mentions: Mentions, catalogue: Scope, ctx: BibliographyContext, cite: CitationList): string | undefined {
  const subject = recordSubject(question, mentions, catalogue, ctx);
  const checks = subject ? recordChecks(question, mentions, subject) : [];
  if (!subject || !checks.length) return undefined;
  const holding = subject.works.filter((s) => checks.every((c) => c.holds(s)));
  const fields = checks.map((c) => c.field);
  const facts = (holding.length ? holding : subject.works).map((s) => (s.kind === 'paper' ? paperFacts(s, fields, cite) : describeFields(s, fields, cite)));
  return withVerdict(holding.length ? 'yes' : 'no', facts.join('\n'));
}

/** Where a yes/no question may find its subject; `listing`: it also reads as a listing ("the article by Hamming"), which only a title overrides. */
type Scope = Pick<Catalogue, 'paper' | 'works'> & { listing: boolean };

/** The works a yes/no question asks about, and what named them: a title, an author or outlet with something else to check, or the paper. */
function recordSubject(question: string, m: Mentions, { paper, works, listing }: Scope, ctx: BibliographyContext): { works: Source[]; by: 'title' | 'author' | 'outlet' | 'paper' } | undefined {
  const names = namesSaid(m);
  const titled = ABOUT_A_WORK.test(question) ? byTitle(question, works, ctx, new Set(ctx.support.focusTerms(names))) : undefined;
  if (titled) return { works: [titled], by: 'title' };
  if (listing) return undefined;
  if (m.byAuthor.length && (m.inYears || m.byOutlet.length)) return { works: m.byAuthor, by: 'author' };
  if (m.byOutlet.length && m.inYears) return { works: m.byOutlet, by: 'outlet' };
  if (paper && namesPaper(question, catalogueOf(ctx))) return { works: [paper], by: 'paper' };
  return undefined;
}

/** The values a yes/no question asks to confirm of its subject: its year, its outlet, its authors or editors (unless they named it). */
function recordChecks(question: string, m: Mentions, subject: { works: Source[]; by: string }): Check[] {
  const checks: Check[] = [];
  if (m.inYears) checks.push({ field: 'year', holds: m.inYears });
  if (subject.by !== 'outlet' && (m.byOutlet.length || subject.works.some(m.namesOutletOf))) checks.push({ field: 'publisher', holds: m.namesOutletOf });
  const editors = FIELDS.editors.test(question);
  const personNamed = m.byAuthor.length > 0 || subject.works.some((s) => mentionsAuthor(question, s));
  if (personNamed && (editors || subject.by !== 'author')) {
    checks.push({ field: editors ? 'editors' : 'authors', holds: (s) => mentionsAuthor(question, { ...s, authors: editors ? s.editors : s.authors, editors: [] }) });
  }
  return checks;
}

function describeFields(s: Source, fields: Field[], cite: CitationList): string {
  const marker = cite.cite(s, s.text);
  const who = authorYear(s);
  const title = quoted(s.title);
  const named = `${who}, ${title},`;
  // Each field the record gives, as what it says of the work: the first names the work, the rest
  // follow it ("… is by A, B & C (2023), and appeared in CTC Sentinel"), so the work is named once.
  const said: { subject: string; says: string }[] = [];
  const missing: string[] = [];
  let rest = fields;
  // "Who edited it, and who published it?": the collection, its editors and its publisher together.
  if (fields.includes('editors') && fields.includes('publisher') && s.editors.length && s.container && s.publisher) {
    said.push({ subject: named, says: `appeared in ${s.container} edited by ${s.editors.join(' & ')}, published by ${s.publisher}` });
    rest = fields.filter((f) => f !== 'editors' && f !== 'publisher');
  }
  for (const f of rest) {
    if (f === 'pages') s.pages ? said.push({ subject: named, says: `is on pages ${s.pages}${s.container ? ` of ${venue({ ...s, pages: null })}` : ''}` }) : missing.push(`The reference list gives no page numbers for ${who}, ${title}`);
    if (f === 'volume') s.volume ? said.push({ subject: who, says: `appeared in ${venue(s)}` }) : missing.push(`The reference list gives no volume or issue for ${who}, ${title}`);
    if (f === 'editors') s.editors.length ? said.push({ subject: named, says: `appeared in ${s.container ?? 'a collection'} edited by ${s.editors.join(' & ')}` }) : missing.push(`The reference list names no editors for ${who}, ${title}`);
    if (f === 'authors') said.push({ subject: title, says: `is by ${s.authors.join(s.authors.length > 2 ? ', ' : ' & ')}${s.year ? ` (${s.year})` : ''}` });
    if (f === 'publisher') s.publisher || s.container ? said.push({ subject: named, says: publishedBy(s) }) : missing.push(`The reference list names no publisher for ${who}, ${title}`);
    if (f === 'year') s.year ? said.push({ subject: `${title} by ${s.authors.map(familyName).join(' & ')}`, says: `was published in ${s.year}` }) : missing.push(`The reference list gives no date for ${title}`);
    if (f === 'title') said.push({ subject: who, says: `is titled ${title}` });
  }
  const says = [...new Set(said.map((p) => p.says))];
  const parts = said.length ? [`${said[0]!.subject} ${says.join(', and ')}`, ...missing] : missing.length ? missing : [`${named} ${venue(s)}`];
  return `${parts.join('; ')} ${marker}.`;
}

/** "appeared in CTC Sentinel", "was published by Hudson Institute", "appeared in Bourgeois Jihad, published by US Institute of Peace". */
function publishedBy(s: Source): string {
  const container = s.container && s.container !== s.publisher ? s.container : null;
  if (!container) return `was published by ${s.publisher}`;
  return `appeared in ${venue({ ...s, pages: null })}${s.publisher ? `, published by ${s.publisher}` : ''}`;
}

function paperFacts(paper: Source, fields: Field[], cite: CitationList): string {
  const marker = cite.cite(paper, paper.text);
  const parts: string[] = [];
  const name = paper.authors.map(naturalName).join(' & ');
  if (fields.includes('authors')) parts.push(`The paper was written by ${name}`);
  if (fields.includes('title')) parts.push(`It is titled ${quoted(paper.title)}`);
  const venueWanted = fields.some((f) => f === 'publisher' || f === 'pages' || f === 'volume' || f === 'year');
  if (venueWanted || !parts.length) {
    const when = [paper.month, paper.year].filter(Boolean).join(' ');
    parts.push(`It appeared in the ${venue(paper)}${when ? ` in ${when}` : ''}${paper.section ? ` (${paper.section})` : ''}`);
  }
  return `${parts.join('. ')} ${marker}.`;
}

function citePaper(question: string, paper: Source, cite: CitationList): string {
  const marker = cite.cite(paper, paper.text);
  const style = /\bbibtex\b/i.test(question) ? 'bibtex' : /\bris\b/i.test(question) ? 'ris' : /\bcsl\b/i.test(question) ? 'csl' : 'apa';
  const label = { apa: 'In APA style', bibtex: 'As BibTeX', ris: 'As RIS', csl: 'As CSL-JSON' }[style];
  const note = /\b(mla|chicago)\b/i.test(question) ? ' (MLA and Chicago are not generated; here is APA)' : '';
  return `${label}${note}, cite the paper as ${marker}:\n${formatCitation(paper, style)}`;
}

function venue(s: Source): string {
  const vi = s.volume ? `, ${s.volume}${s.issue ? `(${s.issue})` : ''}` : '';
  const pages = s.pages ? `, pp. ${s.pages}` : '';
  return `${s.container ?? s.publisher ?? 'an unnamed outlet'}${vi}${pages}`;
}

function entryLine(s: Source): string {
  const outlet = s.container && s.container !== s.publisher ? `${s.container}${s.publisher ? `, ${s.publisher}` : ''}` : s.publisher;
  return `${authorYear(s)}, ${quoted(s.title)}${outlet && !s.authors.includes(outlet) ? `, ${outlet}` : ''}`;
}

/** "Tassev, I. V." → "I. V. Tassev". */
const naturalName = (name: string) => {
  const [family, given] = name.split(/,\s*/);
  return given ? `${given} ${family}` : name;
};

const sortByYear = (xs: Source[]) => [...xs].sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.id.localeCompare(b.id));
const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const numberWord = (n: number) => WORDS[n] ?? String(n);
