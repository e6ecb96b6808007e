import type { Source } from '../corpus/types';
import type { Embedder } from '../embed/embedder';
import type { SearchIndex } from '../search/search-index';
import { retrieve, type Hit } from '../search/retrieve';
import { abstentionText } from '../answer/abstain';
import { authorYear, createCitationList, quoted, titleQuote, type CitationList } from '../answer/citations';
import type { AnswerContext } from '../answer/context';
import { composeAnswer, MIN_SUPPORT, outletOf } from '../answer/extractive';
import { isOffTask } from '../answer/intent';
import { abstractHits, hitsOfKind } from '../answer/overview';
import { withoutTrailing } from '../text/scan';
import { LITERATURE_HEADING, SECTIONS, sectionOf } from './skeleton';
import { themesOf, type Theme } from './themes';
import { outletKind, type OutletKind } from './outlet-kind';
import type { SectionWriter } from './llm-sections';
import type { BriefLength, BriefRequest, BriefSection, BriefText, Briefing, ReadNext } from './types';

/** How a briefing is written: with a model writing each section (`createSectionWriter`), or quoted when absent. */
export interface BriefOptions {
  writeSection?: SectionWriter;
  signal?: AbortSignal;
}

export interface BrieferDeps {
  index: SearchIndex;
  embedder: Embedder;
  context: AnswerContext;
  /** Questions known to be answerable, offered when a topic is declined. */
  suggestions: () => Promise<string[]>;
  now?: () => number;
}

/** How much each length holds: sections, points per section, works per literature point, read-next entries. */
const LIMITS: Record<BriefLength, { sections: number; points: number; works: number; readNext: number }> = {
  short: { sections: 3, points: 2, works: 3, readNext: 3 },
  standard: { sections: 5, points: 4, works: 4, readNext: 5 },
};
/** Sentences of the bottom line. */
const BOTTOM_LINE = 2;
/** A passage holding this share of a topic speaks to a part of it. */
const PART_OF_TOPIC = 0.3;
/** Passages searched besides the abstract, which is always weighed whole. */
const CANDIDATES = 40;

/** A passage with how much of the topic (or of the paper's title, for a whole-corpus briefing) it holds. */
interface Weighed {
  hit: Hit;
  coverage: number;
}

/**
 * Briefings from the corpus, with no model: a bottom line, the skeleton's sections filled with the
 * passages that speak to each, the cited literature by theme, and what to read next. Every point
 * is a source's own sentence, or a reference's title, followed by the marker of the citation that
 * quotes it; a section nothing supports is left out, and a topic nothing supports is declined.
 */
export function createBriefer({ index, embedder, context, suggestions, now = Date.now }: BrieferDeps) {
  const { support } = context;
  const paper = index.sources.find((s) => s.kind === 'paper');
  const abstract = abstractHits(context).filter((h) => !context.planted(h.chunk));
  const references = hitsOfKind(context, 'reference').filter((h) => !context.planted(h.chunk));
  // The entities the paper's title names (its subject) are the whole literature's theme, not one of its themes.
  const subject = paper ? context.terms.entities(paper.title).filter((e) => context.terms.entry(e)?.kind === 'group') : [];
  const themeText = (s: Source) => [s.title, s.container].filter(Boolean).join(' ');

  async function brief({ topic: asked, length = 'standard' }: BriefRequest, { writeSection, signal }: BriefOptions = {}): Promise<Briefing> {
    const topic = asked?.trim() || null;
    const limits = LIMITS[length];
    const generatedAt = new Date(now()).toISOString();
    const focus = topic ? support.focusTerms(topic) : [];
    // A topic word the sources never use, nor any word it means ("casualty figures"), is a part of
    // the topic they cannot brief on: quoting what they say of the rest would answer another topic.
    if (topic && (isOffTask(topic) || !focus.length || focus.some((t) => !support.speaksTo(t)))) return declined(topic, generatedAt);
    // "ISKP in a few bullet points": a topic that is the corpus's own subject is the whole corpus.
    const whole = !topic || focus.every((t) => subject.includes(t));
    const about = !whole ? focus : paper ? support.focusTerms(paper.title) : [];

    const retrieved = await retrieve({ query: topic ?? paper?.title ?? '', index, embedder, topK: CANDIDATES });
    const prose = [...abstract, ...retrieved.filter((h) => h.source.kind === 'document' && !context.planted(h.chunk))];
    const weigh = (hits: Hit[]): Weighed[] => hits.map((hit) => ({ hit, coverage: about.length ? support.support(about, context.evidence(hit)).coverage : 0 }));
    // On a topic, what speaks to a part of it ("the threat it poses" of "its condition and the
    // threat it poses"), once some passage holds the topic as an answer would; on the whole corpus, everything.
    const relevant = (w: Weighed) => whole || w.coverage >= PART_OF_TOPIC;
    const sentences = weigh(prose).filter(relevant);
    const works = weigh(references).filter(relevant);
    if (!whole && ![...sentences, ...works].some((w) => w.coverage >= MIN_SUPPORT)) return declined(topic!, generatedAt);

    const byCoverage = (list: Weighed[]) => [...list].sort((a, b) => b.coverage - a.coverage);
    // A topic's best sentence alone leads, so the sections keep what else the sources say of it.
    const lead = byCoverage(sentences).slice(0, whole ? BOTTOM_LINE : 1).map((w) => w.hit);
    const rankedWorks = byCoverage(works);
    const ranked = rankedWorks.map((w) => w.hit.source);
    const themes = themesOf(ranked, context.terms, themeText, subject, whole ? undefined : `works on ${topic}`);
    // Which sections there are is settled before any is written, so the markers number only what is shown.
    const planned = SECTIONS.map((spec) => ({
      spec,
      // On a topic, a work whose title speaks to a section stands in it after the sentences.
      hits: [...sentences, ...(whole ? [] : rankedWorks)]
        .filter((w) => !lead.includes(w.hit) && sectionOf(context.evidence(w.hit), support) === spec.id)
        .slice(0, limits.points)
        .map((w) => w.hit),
    })).filter((p) => p.hits.length).slice(0, limits.sections);
    // The literature lists what the sections have not already cited, and a work that stands in two themes under the first only.
    const listed = new Set(planned.flatMap((p) => p.hits.map((h) => h.source)));
    const unlisted = themes
      .map((t) => {
        const works = t.works.filter((w) => !listed.has(w)).slice(0, limits.works);
        for (const w of works) listed.add(w);
        return { ...t, works };
      })
      .filter((t) => t.works.length);
    const shownThemes = planned.length < limits.sections ? unlisted.slice(0, limits.points) : [];

    const cite = createCitationList();
    const bottom = composeAnswer(lead.length ? lead : rankedWorks.map((w) => w.hit), context, cite);
    const sections: BriefSection[] = [];
    const quoted: string[] = [];
    let written = 0;
    for (const { spec, hits } of planned) {
      // With a model, each section is written from its passages and verified; one it fails is quoted.
      const byModel = writeSection && (await writeSection({ heading: spec.heading, topic, hits }, cite, signal));
      if (byModel) written++;
      else if (writeSection) quoted.push(spec.heading);
      sections.push({ id: spec.id, heading: spec.heading, points: (byModel || hits.map((hit) => sentencePoint(hit, cite))).map(point) });
    }
    if (shownThemes.length) sections.push({ id: 'literature', heading: LITERATURE_HEADING, points: shownThemes.map((theme) => point(themePoint(theme, cite))) });

    return {
      title: topic ? `Briefing: ${topic}` : `Briefing: ${paper?.title ?? 'the sources'}`,
      topic,
      bottomLine: point(bottom),
      sections,
      readNext: readNext(ranked, themes, limits.readNext),
      citations: cite.list(),
      mode: written ? 'llm' : 'extractive',
      answerable: true,
      ...(quoted.length ? { notice: `The language model could not write ${quoted.map((h) => `“${h}”`).join(', ')}, so ${quoted.length > 1 ? 'those sections quote' : 'that section quotes'} the sources directly.` } : {}),
      generatedAt,
    };
  }

  /** A topic the sources do not cover: said plainly, with questions they do answer. */
  async function declined(topic: string, generatedAt: string): Promise<Briefing> {
    return {
      title: `Briefing: ${topic}`,
      topic,
      bottomLine: { text: abstentionText('unsupported', index.sources), citations: [] },
      sections: [],
      readNext: [],
      citations: [],
      mode: 'extractive',
      answerable: false,
      followUps: context.followUps(topic, [], false, await suggestions()),
      generatedAt,
    };
  }

  /** A sentence of a source as a point: the sentence, its leading pronoun named, and its marker; a reference by its title. */
  const sentencePoint = (hit: Hit, cite: CitationList) => {
    if (hit.source.kind === 'reference') return `${workLine(hit.source, cite)}.`;
    const text = withoutTrailing(context.resolve(hit.source, hit.chunk.offset, hit.chunk.text), /[.\s]/);
    return `${text} ${cite.cite(hit.source, hit.chunk.text)}.`;
  };

  /** "Pakistan: Palmer & Holtz (2023), “The Islamic State Threat in Pakistan…”, CSIS [n]; …" */
  const themePoint = (theme: Theme, cite: CitationList) => `${theme.label}: ${theme.works.map((w) => workLine(w, cite)).join('; ')}.`;

  /** "Palmer & Holtz (2023), “The Islamic State Threat in Pakistan…”, CSIS [n]" */
  const workLine = (w: Source, cite: CitationList) => `${authorYear(w)}, ${quoted(w.title)}${outletOf(w)} ${cite.cite(w, titleQuote(w))}`;

  /** The works most relevant to the briefing, at most two per theme while others remain, each with why it is worth reading. */
  function readNext(ranked: Source[], themes: Theme[], count: number): ReadNext[] {
    const themeOf = (s: Source) => themes.find((t) => t.works.includes(s));
    const picked: Source[] = [];
    const perTheme = new Map<Theme | undefined, number>();
    for (const pass of [2, Infinity]) {
      for (const s of ranked) {
        if (picked.length >= count || picked.includes(s)) continue;
        const t = themeOf(s);
        if ((perTheme.get(t) ?? 0) >= pass) continue;
        picked.push(s);
        perTheme.set(t, (perTheme.get(t) ?? 0) + 1);
      }
    }
    return picked.map((s) => ({ sourceId: s.id, why: whyRead(s, themeOf(s), outletKind(s, index.glossary)) }));
  }

  return { brief };
}

export type Briefer = ReturnType<typeof createBriefer>;

const KIND_NAMES: Record<OutletKind, string> = { news: 'News report', institute: 'Think-tank or institute report', journal: 'Journal article', other: 'Work' };

/** "Journal article (CTC Sentinel, 2023) on Afghanistan." */
function whyRead(source: Source, theme: Theme | undefined, kind: OutletKind): string {
  const where = [source.container ?? source.publisher, source.year].filter((x) => x !== null && x !== undefined).join(', ');
  const on = theme && !theme.rest ? ` on ${theme.about}` : '';
  return `${KIND_NAMES[kind]}${where ? ` (${where})` : ''}${on}: ${quoted(source.title)}.`;
}

/** A text with the numbers of the markers it carries. */
function point(text: string): BriefText {
  return { text, citations: [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))] };
}
