/**
 * What the load test asks: realistic questions in the proportions a briefing bot sees, mostly
 * passage answers (the retrieval path), some bibliographic ones and one the sources cannot answer.
 */
import type { AskRequest } from '../../src/core/answer/types';

export const QUESTIONS: readonly string[] = [
  "What is ISKP's strategy?",
  'Why has ISKP restructured?',
  'Is ISKP still a danger in Central Asia?',
  'How does the Khorasan group mix propaganda with violence?',
  'What does the author recommend?',
  'Is there anything on the Islamic State’s Tajik propaganda network?',
  'Why is ISIS-K an enemy of the Taliban?',
  'How did Salafism in Afghanistan lead to the emergence of ISKP?',
  'Which references are from 2022?',
  'Who currently leads ISKP?',
];

/** Follow-ups that lean on the previous turn, each with the history that makes it answerable. */
export const FOLLOW_UPS: readonly AskRequest[] = [
  ['Why did it have to restructure?', "What is ISKP's strategy?"],
  ['Is it still a threat there?', 'What does the paper say about Central Asia?'],
  ['What about Pakistan?', 'Which sources discuss Tajikistan?'],
  ['and 2023?', 'Which references are from 2022?'],
  ['Which pages is it on?', 'What did Hamming write in the CTC Sentinel?'],
  ['Where was it published?', 'Who wrote the paper?'],
  ['How does it recruit?', 'Why is ISIS-K an enemy of the Taliban?'],
  ['What tactics does it use?', 'How did Salafism in Afghanistan lead to the emergence of ISKP?'],
].map(([question, previous]) => ({
  question: question!,
  history: [
    { role: 'user' as const, content: previous! },
    { role: 'assistant' as const, content: 'According to Tassev (2024), ISKP’s strategy comprises interlinked media warfare and kinetic action [1].' },
  ],
}));
