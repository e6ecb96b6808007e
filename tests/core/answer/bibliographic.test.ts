import { beforeAll, describe, expect, it } from 'vitest';
import { answerAboutEarlierWork, answerAmongEarlierWorks, answerBibliographic, type BibliographyContext } from '../../../src/core/answer/bibliographic';
import { createCitationList } from '../../../src/core/answer/citations';
import { createAnswerContext } from '../../../src/core/answer/context';
import type { Turn } from '../../../src/core/answer/types';
import { loadTestEngine } from '../../helpers/engine';
import { growth, looksLinear, msFor } from '../../helpers/timing';

describe('answerBibliographic', () => {
  let bibliography: BibliographyContext;
  beforeAll(async () => {
    const { index } = await loadTestEngine();
    const { terms, support } = createAnswerContext(index);
    bibliography = { sources: index.sources, terms, support };
  });

  it('names a work by a word of its title the thesaurus counts as framing: "the explainer", "Examining Extremism"', () => {
    const cited = (q: string) => answerBibliographic(q, bibliography, createCitationList());
    expect(cited('Who published the explainer on ISIS-K?')).toMatch(/^South China Morning Post \(2021\), “Explainer:.*was published by South China Morning Post \[1\]/);
    expect(cited('Who wrote the Examining Extremism overview of ISKP?')).toMatch(/is by Doxsee, C\. & Thompson, J\. \(2021\)/);
  });

  it('routes on what the question asks, not on a field word used in another sense', () => {
    const cited = (q: string) => answerBibliographic(q, bibliography, createCitationList());
    // The date of what a work reports is not the date of the work.
    expect(cited('When did the prison break reported by the Washington Post happen?')).toBeUndefined();
    expect(cited('When was the Washington Post story on the prison break published?')).toMatch(/published in 2022/);
    // "when" as a conjunction, "latest" of an attack, "institute" of an affiliation, "issue" as a topic.
    for (const q of [
      'Which countries does the study look at when examining ISKP?',
      'Which attack is the latest example the author gives?',
      'Which university or institute is Tassev affiliated with?',
      'Which issue does the paper focus on?',
    ]) {
      expect(cited(q), q).toBeUndefined();
    }
    expect(cited('What is the newest source?')).toMatch(/^The newest reference is from 2024/);
    expect(cited('Which think tanks are among the references?')).toMatch(/think tanks and research institutes/);
    expect(cited('Who wrote the Hudson Institute report, and when?')).toContain('Webber');
  });

  it('answers the record of the one work a question names: by a possessive, by a publishing verb in two words, by a kind of publisher', () => {
    const cited = (q: string) => answerBibliographic(q, bibliography, createCitationList());
    // Hamming wrote one work and co-wrote another: "Hamming's article" is the one he wrote first.
    expect(cited("What pages does Hamming's article run to?")).toMatch(/^Hamming \(2023\).*pages 20-27/);
    expect(cited("Who published Sayed and Jadoon's 2022 study on the Pakistani Taliban?")).toMatch(/^Sayed & Jadoon \(2022\).*GW Program on Extremism/);
    expect(cited('Who put out the report examining ISKP in 2021?')).toMatch(/^Doxsee & Thompson \(2021\).*Center for Strategic/);
    expect(cited('Which think tank published the snapshot on ISKP?')).toMatch(/^Eggink \(2024\).*International Centre for Counter-Terrorism/);
    expect(cited('Which think tanks does the paper cite?')).toMatch(/think tanks and research institutes/);
  });

  it('names the work once when a question asks two of its fields', () => {
    const cited = (q: string) => answerBibliographic(q, bibliography, createCitationList());
    expect(cited('Who wrote the Enduring Duel, and where did it appear?')).toBe(
      '“The Enduring Duel: Islamic State Khorasan’s survival under Afghanistan’s New Rulers” is by Jadoon, A., Mines, A., Sayed, A. (2023), and appeared in CTC Sentinel, 16(8) [1].',
    );
  });

  it('narrows a kind of outlet to a topic put as one', () => {
    const cited = (q: string) => answerBibliographic(q, bibliography, createCitationList());
    expect(cited('Which works by think tanks discuss Pakistan?')).toMatch(/^Four of the 24 references are from think tanks and research institutes and about Pakistan/);
    expect(cited('Which news outlets report on Kabul?')).toMatch(/^Two of the 24 references are from news outlets and periodicals and about Kabul/);
  });

  it('narrows a list by year or author to a topic the titles hold, a place inside a longer name included', () => {
    const cited = (q: string) => answerBibliographic(q, bibliography, createCitationList());
    expect(cited('Which references from 2023 mention Afghanistan in their titles?')).toMatch(/^Five of the 24 references are from 2023 and about Afghanistan \(going by their titles\)/);
    expect(cited('Which sources by Sayed discuss Pakistan?')).toMatch(/^One of the 24 references is by Sayed and about Pakistan[^]*Tehrik-e-Taliban Pakistan/);
    // A group inside a longer name counts only when the question goes by the words of the titles.
    expect(cited('Which titles mention the Taliban?')).toContain('Tehrik-e-Taliban Pakistan');
    expect(cited('Which sources discuss the Taliban?') ?? '').not.toContain('Tehrik-e-Taliban Pakistan');
  });

  it('takes linear time on a 2,000-character question that is "authors" and a long run of spaces', () => {
    expect(answerBibliographic(`  the authors ${'\u00a0'.repeat(5)}? `, bibliography, createCitationList())).toContain('The paper was written by');
    for (const question of [`authors${' '.repeat(1992)}x`, `Authors${'\u00a0'.repeat(1992)}?x`, `the authors${' '.repeat(1975)}which sources?`]) {
      expect(msFor(() => answerBibliographic(question, bibliography, createCitationList())), JSON.stringify(question.slice(-6))).toBeLessThan(100);
    }
  });

  it('knows the paper by its own author’s name, whoever that is: nothing names the seed’s author in the code', () => {
    const paper = bibliography.sources.find((s) => s.kind === 'paper')!;
    const renamed = { ...bibliography, sources: bibliography.sources.map((s) => (s === paper ? { ...paper, authors: ['Doe, J.'] } : s)) };
    const ask = (question: string) => answerBibliographic(question, renamed, createCitationList());
    expect(ask('Who is Doe?')).toContain('J. Doe');
    expect(ask('How do I cite Doe in APA?')).toContain('Doe, J.');
    // "according to Doe" cites the paper for content: no metadata answer for the year it asks about.
    expect(ask('When was ISIS defeated, according to Doe?')).toBeUndefined();
    // And the seed's own corpus does not take Doe for its author.
    expect(answerBibliographic('Who is Doe?', bibliography, createCitationList()) ?? '').not.toContain('The paper was written by');
  });

  describe('yes/no questions about a record', () => {
    const ask = (question: string) => answerBibliographic(question, bibliography, createCitationList());

    it('says no to a wrong year and gives the true one', () => {
      expect(ask("Was Ashraf's report published in 2019?")).toMatch(/^No\. .*published in 2017 \[1\]\.$/);
    });

    it('says yes to the right year, of a work named by its title', () => {
      expect(ask('Was the report on the Islamic State threat in Pakistan published in 2023?')).toMatch(/^Yes\. “The Islamic State Threat in Pakistan.*2023 \[1\]\.$/);
    });

    it('checks the outlet of a work named by title, author or as the paper', () => {
      expect(ask('Was Prison Break published in the Washington Post?')).toMatch(/^Yes\. .*Washington Post \[1\]\.$/);
      expect(ask("Was Hamming's article published in the CTC Sentinel?")).toMatch(/^Yes\. Hamming \(2023\)/);
      expect(ask('Was the paper published in the CTC Sentinel?')).toMatch(/^No\. It appeared in the Asian Journal/);
    });

    it('checks the author named against the work the title names, and the paper’s own author', () => {
      expect(ask('Did Hamming write The Enduring Duel?')).toMatch(/^No\. “The Enduring Duel.*” is by Jadoon, A\./);
      expect(ask('Did Jadoon write The Enduring Duel?')).toMatch(/^Yes\. /);
      expect(ask('Did Tassev write the paper?')).toMatch(/^Yes\. The paper was written by I\. V\. Tassev/);
      expect(ask('Did Hamming write the paper?')).toMatch(/^No\. The paper was written by I\. V\. Tassev/);
    });

    it('checks the editors when the question asks who edited', () => {
      expect(ask("Was Jadoon's 2018 chapter edited by Jadoon?")).toMatch(/^Yes\. .*edited by Jadoon, A\./);
    });

    it('says whether the bibliography holds such works, then lists them or says there are none', () => {
      expect(ask('Does the paper cite any work by Ashraf?')).toMatch(/^Yes\. One of the 24 references is by Ashraf:/);
      expect(ask('Are any of the references from 2016?')).toBe("No. None of the 24 references in the paper's bibliography is from 2016.");
    });

    it('takes linear time on a 2,000-character yes/no question naming many authors and years', () => {
      for (const question of [`Was ${'Ashraf '.repeat(280)}published in 2019?`, `Did ${'Hamming 2019 '.repeat(150)}write the paper?`]) {
        expect(msFor(() => ask(question.slice(0, 2000))), question.slice(0, 12)).toBeLessThan(100);
      }
    });

    it('gives no verdict to a question that is not yes/no, nor to one about an event rather than a work', () => {
      expect(ask('When was Ashraf’s report published?')).not.toMatch(/^(Yes|No)\b/);
      expect(ask('Was ISIS defeated in 2019?')).toBeUndefined();
    });
  });

  describe('fields of one named reference', () => {
    const ask = (question: string) => answerBibliographic(question, bibliography, createCitationList());
    const cited = (answer: string | undefined) => [...(answer ?? '').matchAll(/\[(\d+)\]/g)].map((m) => m[1]);

    it('picks the one work of an outlet whose title the question names', () => {
      const answer = ask('Which issue of CTC Sentinel carried the article on the General Directorate of Provinces?');
      expect(answer).toMatch(/^Hamming \(2023\) appeared in CTC Sentinel, 16\(7\)/);
      expect(cited(answer)).toEqual(['1']);
    });

    it('reads "volume" in a who-question as the book, not a volume number', () => {
      expect(ask('Who edited the Combating Terrorism Center volume?')).toMatch(/^Jadoon \(2018\), .*edited by Jadoon, A\. \[1\]\.$/);
    });

    it('names every author when asked who wrote a work with three, even when the question reads like a listing', () => {
      expect(ask('Who wrote the 2023 CTC Sentinel article by Jadoon?')).toContain('is by Jadoon, A., Mines, A., Sayed, A. (2023)');
    });

    it('matches a title by the book it appeared in, and says where a chapter appeared and who published it', () => {
      expect(ask('Who published Bourgeois Jihad?')).toMatch(/^Osman \(2020\), .*appeared in Bourgeois Jihad: .*, published by US Institute of Peace \[1\]\.$/);
    });

    it('keeps title words that stand between the field words ("where was the Growing Threat report published")', () => {
      expect(ask('Where was the Growing Threat report published?')).toMatch(/^Sayed & Hamming \(2023\)/);
    });

    it('says which two works fit when it cannot tell them apart', () => {
      const answer = ask('Who wrote the Washington Post article about ISIS?');
      expect(answer).toMatch(/^Two references fit the question equally well:\n- .*Loveluck, L\. \(2019\).*\n- .*Loveluck, L\. & Cahlan, S\. \(2022\)/);
    });

    it('leaves lists of several references as lists', () => {
      expect(ask('Which references were published in the CTC Sentinel?')).toMatch(/^Two of the 24 references are from CTC Sentinel:/);
    });
  });

  describe('lists whose criteria are joined by "or" or "and"', () => {
    const ask = (question: string) => answerBibliographic(question, bibliography, createCitationList());
    const listed = (answer: string | undefined) => (answer ?? '').split('\n').filter((line) => line.startsWith('- ')).length;

    it('lists the union of topics joined by "or", the count being the length of the list', () => {
      const answer = ask('Which sources discuss Tajikistan or Central Asian fighters?');
      expect(answer).toMatch(/^Three of the 24 references are about Tajikistan or about Central Asian fighters/);
      expect(listed(answer)).toBe(3);
      expect(answer).toMatch(/Tajik Propaganda[\s\S]*Border with Tajikistan[\s\S]*Central Asian Contingents/);
    });

    it('joins criteria of different kinds: an outlet or a topic, an author or a year, two outlets', () => {
      expect(ask('Which sources are from the Washington Post or discuss Tajikistan?')).toMatch(/^Four of the 24 references are from Washington Post or about Tajikistan/);
      expect(ask('Which works are by Ashraf or from 2021?')).toMatch(/^Three of the 24 references are by Ashraf or from 2021:/);
      expect(listed(ask('Which references come from CSIS or the Soufan Center?'))).toBe(3);
    });

    it('lists the intersection of criteria joined by "and", "both … and" or "as well as"', () => {
      expect(ask('Which references are about Pakistan and from 2023?')).toMatch(/^Two of the 24 references are both about Pakistan and from 2023/);
      expect(ask('Which works are by both Jadoon and Sayed?')).toMatch(/^Two of the 24 references are both by Jadoon and by Sayed:/);
      expect(ask('Which references are from CTC Sentinel as well as from 2023?')).toMatch(/^Two of the 24 references are both from CTC Sentinel and from 2023:/);
    });

    it('says plainly that an intersection is empty, and lists nothing', () => {
      const cite = createCitationList();
      expect(answerBibliographic('Which references are from both the Washington Post and 2023?', bibliography, cite)).toBe(
        "None of the 24 references in the paper's bibliography is both from Washington Post and from 2023.",
      );
      expect(cite.list()).toEqual([]);
    });

    it('answers a yes/no question about a union by whether it holds any work', () => {
      expect(ask('Does the paper cite anything from 2016 or by Ashraf?')).toMatch(/^Yes\. One of the 24 references is from 2016 or by Ashraf:/);
    });

    it('does not cut a name or a year range at its "and"', () => {
      expect(ask('Which references are from between 2018 and 2021 and about Pakistan?')).toMatch(/^One of the 24 references is both from 2018 to 2021 and about Pakistan/);
      expect(ask('Which sources discuss the Islamic State of Iraq and Syria?')).not.toMatch(/about Syria/);
    });

    it('leaves lists of one criterion, or of years alone, as they were', () => {
      expect(ask('Which sources discuss Tajikistan?')).toMatch(/^Two references address this in their titles:/);
      expect(ask('Which references are from 2018 or 2022?')).toMatch(/^Five of the 24 references are from 2018 or 2022:/);
      expect(ask('Which sources discuss Syria and Iraq?')).toMatch(/^One reference addresses this in its title:/);
    });

    it('takes linear time on a 2,000-character list question of many criteria', () => {
      // A quarter of the API's 2,000 characters, then all of them: the time must grow about fourfold.
      const questions = [(n: number) => `Which sources discuss ${'Tajikistan Syria '.repeat(n / 16)} or Kabul or 2023?`, (n: number) => `Which sources discuss ${'Kabul or '.repeat(n / 8)}Syria?`];
      for (const question of questions) {
        const grown = growth((n) => msFor(() => ask(question(n).slice(0, n)), 5), 500);
        expect(looksLinear(grown), `${question(64).slice(-12)}: ${grown.ratio.toFixed(1)}x for 4x the question`).toBe(true);
      }
    });
  });

  describe('routing on what is asked, not on field words', () => {
    const ask = (question: string) => answerBibliographic(question, bibliography, createCitationList());

    it('leaves to the passages a question that cites the paper or its author for content', () => {
      expect(ask('When did the attack in Iran happen, according to the paper?')).toBeUndefined();
      expect(ask('When does Tassev say the Islamic State was defeated?')).toBeUndefined();
      expect(ask('In what year was ISIS defeated, according to the paper?')).toBeUndefined();
    });

    it('does not read a "who" that asks whom the paper addresses as asking its author', () => {
      expect(ask('Who is Tassev writing for?')).toBeUndefined();
      expect(ask("Who is the paper's audience?")).toBeUndefined();
      expect(ask('Who did Tassev write the paper for?')).toBeUndefined();
    });

    it('still answers who wrote the paper and when it was published', () => {
      expect(ask('Who is Tassev?')).toMatch(/written by I\. V\. Tassev/);
      expect(ask('Who is the author of the paper?')).toMatch(/written by I\. V\. Tassev/);
      expect(ask('According to the paper, who wrote the Washington Post article about ISIS?')).toMatch(/Loveluck/);
      expect(ask("What year was Tassev's paper published?")).toMatch(/2024/);
    });
  });

  /** A question, and an answer that lists the works whose titles start so, one per line, as the bot lists them. */
  const listedAfter = (question: string, ...starts: string[]): Turn[] => [
    { role: 'user', content: question },
    { role: 'assistant', content: starts.map((start, i) => `- “${bibliography.sources.find((s) => s.title.startsWith(start))!.title}” [${i + 1}]`).join('\n') },
  ];

  it('chooses among the works the last answer listed by date when asked which is more recent or older', () => {
    const history = listedAfter('Which sources are about Tajikistan?', 'Islamic State Launches', '4,000 Islamic State');
    const among = (q: string) => answerAmongEarlierWorks(q, history, bibliography, createCitationList());
    expect(among('Which of them is more recent?')).toMatch(/^Of the 2 works, the most recent is from 2023:\n- Bne IntelliNews/);
    expect(among('Which of those is older?')).toMatch(/^Of the 2 works, the oldest is from 2022:\n- Alkhouri & Webber/);
  });

  it('answers of "the second one" or "the last one" the work at that place in the list the last answer gave', () => {
    const history = listedAfter('Which references are from the CTC Sentinel?', 'The General Directorate', 'The Enduring Duel');
    const about = (q: string) => answerAboutEarlierWork(q, history, bibliography, createCitationList());
    expect(about("What's the page range of the second one?")).toMatch(/^Jadoon et al\. \(2023\).*pages 8-15/);
    expect(about('Which issue was the first one in?')).toMatch(/^Hamming \(2023\).*16\(7\)/);
    expect(about('And the last one?')).toBeUndefined();
  });

  it('reads "predate" and "postdate" as before and after, and gives a collection’s editors and publisher in one sentence', () => {
    const cited = (q: string) => answerBibliographic(q, bibliography, createCitationList());
    expect(cited('Which references predate 2020?')).toMatch(/^Four of the 24 references are from before 2020/);
    expect(cited('Which references postdate 2023?')).toMatch(/^One of the 24 references is from after 2023/);
    expect(cited('Who edited Allied & Lethal, and which institution put it out?')).toMatch(/appeared in Allied & Lethal[^;]* edited by Jadoon, A\., published by Combating Terrorism Center at West Point \[1\]\.$/);
  });

  describe('follow-ups about the work named before', () => {
    const turns = (...contents: string[]): Turn[] => contents.map((content, i) => ({ role: i % 2 ? 'assistant' : 'user', content }));
    const follow = (question: string, history: Turn[]) => answerAboutEarlierWork(question, history, bibliography, createCitationList());

    it('answers only the field asked, of the work the latest turn named', () => {
      const history = turns('Who wrote the report on the Islamic State threat in Pakistan?', '“The Islamic State Threat in Pakistan: Trends and Scenarios” is by Palmer, A. & Holtz, M. (2023) [1].');
      expect(follow('Who published it?', history)).toBe(
        'Palmer & Holtz (2023), “The Islamic State Threat in Pakistan: Trends and Scenarios”, was published by Center for Strategic and International Studies (CSIS) [1].',
      );
      expect(follow('And the year?', history)).toMatch(/was published in 2023 \[1\]\.$/);
    });

    it('finds the work in the user’s turn when the bot’s names none', () => {
      expect(follow('What pages?', turns('Who wrote the chapter on Salafism in Afghanistan?', 'The sources don’t say.'))).toMatch(/is on pages 6-10 of Bourgeois Jihad/);
    });

    it('leaves a follow-up to the other paths when it names its own subject, or the latest turn names several works', () => {
      expect(follow('Who published the Examining Extremism report?', turns('Who wrote Prison Break?'))).toBeUndefined();
      expect(follow('Who published it?', turns('What did Jadoon write?', 'Three of the 24 references are by Jadoon.'))).toBeUndefined();
      expect(follow('Who published it?', [])).toBeUndefined();
    });
  });
});
