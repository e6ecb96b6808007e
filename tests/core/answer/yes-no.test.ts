import { describe, expect, it } from 'vitest';
import type { GlossaryEntry } from '../../../src/core/corpus/types';
import { createSupportScorer } from '../../../src/core/answer/support';
import { createTermModel } from '../../../src/core/answer/terms';
import { claimOf, contentVerdict, isYesNoQuestion, negatedParts, withVerdict } from '../../../src/core/answer/yes-no';
import { growth, looksLinear, msFor } from '../../helpers/timing';

const STATE = 'ISIS is not functioning anymore as a state but has autonomous local affiliates around the world.';
const RECOGNITION = 'For a long time ISIS functioned as a state with its territory, although it was not recognized on an international level.';
const DEFEAT = 'ISIS was defeated in 2019 but today there are still some branches of the organization active.';
const DANGER = 'Although it is now reorganizing, ISKP still presents a danger in Central Asia.';
const RECOMMENDATIONS = 'The author provides some future recommendations on how the international community should address the current risks presented by ISKP.';
const support = createSupportScorer(createTermModel([], [STATE, RECOGNITION, DEFEAT, DANGER, RECOMMENDATIONS]), undefined, { tellers: ['author'] });
const verdict = (question: string, ...sentences: string[]) => contentVerdict(question, sentences, support);

describe('isYesNoQuestion', () => {
  it('recognises a question that opens with an auxiliary, also after "So," or "And" and when negated', () => {
    for (const q of ['Was ISIS defeated in 2019?', 'So, does ISKP still threaten Central Asia?', 'And is it a state?', "Isn't ISKP a danger?", 'Has ISKP restructured?', 'Could ISKP regroup?']) {
      expect(isYesNoQuestion(q), q).toBe(true);
    }
  });

  it('looks past a leading phrase set off by a comma, unless that phrase is itself a wh-question', () => {
    expect(claimOf('Since its defeat, does ISIS still have branches?')).toBe(' ISIS still have branches?');
    expect(claimOf('In 2019, was ISIS defeated?')).toBe(' ISIS defeated?');
    expect(isYesNoQuestion('Which sources, if any, are from 2016?')).toBe(false);
    expect(isYesNoQuestion('What, in short, is ISKP?')).toBe(false);
  });

  it('does not take a wh-question, a request to the bot or an auxiliary-like word for one', () => {
    for (const q of ['When was ISIS defeated?', 'Which references are from 2023?', 'Can you explain ISKP’s strategy?', 'Would you summarize the abstract?', 'Isolated cells: where are they?']) {
      expect(isYesNoQuestion(q), q).toBe(false);
    }
  });

  it('takes the question a request carries after "whether" or "if"', () => {
    expect(claimOf('Can you tell me whether ISIS was defeated in 2019?')).toBe(' ISIS was defeated in 2019?');
  });
});

describe('negatedParts', () => {
  it('reaches from a negation to the end of its clause, and over the whole clause for a trailing "anymore"', () => {
    expect(negatedParts(RECOGNITION)).toEqual(['not recognized on an international level.']);
    expect(negatedParts('It is a state anymore, they say')).toEqual(['It is a state anymore']);
    expect(negatedParts(DEFEAT)).toEqual([]);
  });

  it('takes linear time on long runs of clause breaks and negations', () => {
    for (const text of [(n: number) => ','.repeat(n), (n: number) => 'not '.repeat(n / 4), (n: number) => `${'any'.repeat(n / 3)}more`]) {
      const grown = growth((n) => msFor(() => negatedParts(text(n))), 500);
      expect(looksLinear(grown), `${text(8)}: ${grown.ratio.toFixed(1)}x for 4x the text`).toBe(true);
    }
  });
});

describe('contentVerdict', () => {
  it('says yes when a sentence states the whole claim as asked', () => {
    expect(verdict('Was ISIS defeated in 2019?', DEFEAT)).toBe('yes');
    expect(verdict("Isn't ISKP a danger in Central Asia?", DANGER)).toBe('yes');
  });

  it('says no when the sentence negates the claim’s predicate, or affirms what the question negates', () => {
    expect(verdict('Does ISIS still function as a state?', RECOGNITION, STATE)).toBe('no');
    expect(verdict('Was ISIS recognized internationally?', RECOGNITION)).toBe('no');
    expect(verdict('Is ISKP no longer a danger in Central Asia?', DANGER)).toBe('no');
  });

  it('ignores a negation in another clause of the sentence', () => {
    expect(verdict('Did ISIS function as a state with its territory?', RECOGNITION)).toBe('yes');
  });

  it('reads the verb whose subject is the paper or its author as framing, not as part of the claim', () => {
    expect(verdict('Has the author made any recommendations on the risks ISKP presents?', RECOMMENDATIONS)).toBe('yes');
  });

  it('lets only the sentences that hold most of the claim deny it: a negation in a sentence about something else says nothing', () => {
    // RECOGNITION negates "international" in a sentence about statehood, not about recommendations.
    expect(verdict('Does the author offer international recommendations on ISKP?', RECOGNITION, RECOMMENDATIONS)).toBe('yes');
    expect(verdict('Is ISKP no longer a danger in Central Asia?', RECOGNITION, DANGER)).toBe('no');
  });

  it('denies a claim that only one thing holds when the sentence names another of its kind, and never confirms one', () => {
    const places: GlossaryEntry[] = ['Afghanistan', 'Pakistan', 'Central Asia'].map((canonical) => ({ canonical, aliases: [], kind: 'place' }));
    const FOCUS = 'ISKP is active in Central Asia and particularly in Afghanistan and Pakistan.';
    const scorer = createSupportScorer(createTermModel(places, [FOCUS, DANGER]));
    expect(contentVerdict('Is ISKP only active in Afghanistan?', [FOCUS], scorer)).toBe('no');
    expect(contentVerdict('Is ISKP active in Afghanistan?', [FOCUS], scorer)).toBe('yes');
    expect(contentVerdict('Is ISKP only active in Central Asia, Afghanistan and Pakistan?', [FOCUS], scorer)).toBeUndefined();
  });

  it('takes a word that frames other questions as the claim when the sentence uses it ("recognized")', () => {
    expect(verdict('Was ISIS ever recognized as a state?', DEFEAT, RECOGNITION)).toBe('no');
  });

  it('gives no verdict when the sentence leaves part of the claim out, or the sentences disagree, or the question is not yes/no', () => {
    expect(verdict('Was ISIS defeated in 2018?', DEFEAT)).toBeUndefined();
    expect(verdict('Did ISIS function as a state?', RECOGNITION, STATE)).toBeUndefined();
    expect(verdict('When was ISIS defeated?', DEFEAT)).toBeUndefined();
  });
});

describe('contentVerdict on a 2,000-character question', () => {
  it('takes linear time however many clauses and negations it holds', () => {
    const words = (n: number) => Array.from({ length: n / 8 }, (_, i) => `w${i}`);
    const questions = [(n: number) => `Is ${words(n).join(' not, ')}?`, (n: number) => `Does ${'not '.repeat(n / 4)}x?`, (n: number) => `Was ${words(n).join(' ')} ${','.repeat(n / 3)}?`];
    for (const question of questions) {
      // Up to the API's 2,000 characters: a quarter of that, then all of it.
      const grown = growth((n) => msFor(() => verdict(question(n).slice(0, n), STATE, RECOGNITION, DEFEAT)), 500);
      expect(looksLinear(grown), `${question(40).slice(0, 12)}: ${grown.ratio.toFixed(1)}x for 4x the question`).toBe(true);
    }
  });
});

describe('withVerdict', () => {
  it('opens the answer with "Yes." or "No.", and leaves it as it is without a verdict', () => {
    expect(withVerdict('yes', 'A [1].')).toBe('Yes. A [1].');
    expect(withVerdict('no', 'A [1].')).toBe('No. A [1].');
    expect(withVerdict(undefined, 'A [1].')).toBe('A [1].');
  });
});
