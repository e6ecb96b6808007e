import { describe, expect, it } from 'vitest';
import { asksForBriefing, asksForOverview, requestedBriefing } from '../../../src/core/answer/overview';
import { createSupportScorer } from '../../../src/core/answer/support';
import { createTermModel } from '../../../src/core/answer/terms';
import { createThesaurus } from '../../../src/core/text/thesaurus';
import { tokenize } from '../../../src/core/text/tokenize';

// The framing words come from the index's thesaurus (WordNet at ingest); these are the ones the questions below use.
const framing = ['give', 'tell', 'paper', 'abstract', 'say', 'article'].flatMap((w) => tokenize(w));
const { focusTerms } = createSupportScorer(
  createTermModel([], ['ISIS is not functioning anymore as a state.', 'Although it is now reorganizing, it still presents a danger.']),
  createThesaurus({ source: 'test', links: {}, framing }),
);

describe('asksForOverview', () => {
  it('takes requests for the gist of the paper, however they are put', () => {
    for (const q of ['What is this paper about?', 'What does the abstract say?', 'Could you summarize the abstract?', 'Is there a summary?']) {
      expect(asksForOverview(q, focusTerms), q).toBe(true);
    }
  });

  it('leaves a yes/no question about a claim in the abstract to be settled by the sentence that makes it', () => {
    expect(asksForOverview('Does the abstract say ISIS still functions as a state?', focusTerms)).toBe(false);
  });

  it('leaves a question about something the abstract mentions to the passages that mention it', () => {
    expect(asksForOverview('What is the latest attack the abstract mentions?', focusTerms)).toBe(false);
  });
});

describe('asksForBriefing', () => {
  it('takes a request for a summary by its request verb or noun, in any of their forms', () => {
    const requests = [
      "Brief me on ISKP's reorganization.",
      'Could you briefly summarise the paper?',
      'Summarizing the findings, please.',
      'Sum it up for me.',
      'Recap the argument.',
      'Outline the main argument.',
      'Can you give me a brief overview of ISKP?',
      'Give me the rundown.',
      "What's the gist?",
      'TL;DR',
      'tldr please',
      "What's the bottom line?",
      'What are the key points?',
      'Any highlights or takeaways?',
      'What do I need to know about ISKP?',
      'A synopsis, in a nutshell.',
    ];
    for (const q of requests) expect(asksForBriefing(q), q).toBe(true);
  });

  it('leaves a yes/no question that mentions a summary, a question about one, and a title word alone', () => {
    for (const q of ['Is there a summary of the strategy?', 'Who wrote a brief history of ISKP?', 'Which reference gives an overview of ISKP?', 'Is the Osman chapter a brief history?', 'When was the IntelBrief published?']) {
      expect(asksForBriefing(q), q).toBe(false);
    }
  });
});

describe('requestedBriefing', () => {
  it('is the topic as the user wrote it, none for the whole paper, undefined for another question', () => {
    expect(requestedBriefing("Give me a quick rundown of ISIS's state.", focusTerms)).toEqual({ topic: "ISIS's state" });
    expect(requestedBriefing('Brief me on the reorganization.', focusTerms)).toEqual({ topic: 'reorganization' });
    expect(requestedBriefing("Summarise ISKP's strategy", focusTerms)).toEqual({ topic: "ISKP's strategy" });
    expect(requestedBriefing('Can you give me a brief summary of the paper?', focusTerms)).toEqual({ topic: null });
    expect(requestedBriefing('What is this paper about?', focusTerms)).toEqual({ topic: null });
    expect(requestedBriefing('Does the abstract say ISIS still functions as a state?', focusTerms)).toBeUndefined();
    expect(requestedBriefing('Who wrote a brief history of ISKP?', focusTerms)).toBeUndefined();
  });

  it('leaves out of the topic what does not narrow it: a length, an extra asked beside, the user’s purpose', () => {
    expect(requestedBriefing('Brief me on the threat to Central Asia in three bullet points.', focusTerms)).toEqual({ topic: 'threat to Central Asia' });
    expect(requestedBriefing('Give me a two-sentence overview of this paper, including who wrote it.', focusTerms)).toEqual({ topic: null });
    expect(requestedBriefing('I need a short overview of the abstract for a memo.', focusTerms)).toEqual({ topic: null });
    expect(requestedBriefing("Sum up ISKP's strategy for my students.", focusTerms)).toEqual({ topic: "ISKP's strategy" });
    expect(requestedBriefing('Summarize the abstract in a few bullet points I can drop into a memo.', focusTerms)).toEqual({ topic: null });
    // "For the Taliban" is the topic, not a purpose.
    expect(requestedBriefing('Brief me on the threat for the Taliban.', focusTerms)).toEqual({ topic: 'threat for the Taliban' });
  });
});
