import { describe, expect, it } from 'vitest';
import { createSentenceStream, type Piece } from '../../../../src/core/answer/llm/sentence-stream';
import { msFor } from '../../../helpers/timing';

/** Feeds text in pieces of `size` characters; returns what came out after each push, then at the end. */
function run(text: string, size: number) {
  const stream = createSentenceStream();
  const steps: Piece[][] = [];
  for (let i = 0; i < text.length; i += size) steps.push(stream.push(text.slice(i, i + size)));
  steps.push(stream.end());
  return steps;
}
const texts = (steps: Piece[][]) => steps.flat().map((p) => p.text);

describe('createSentenceStream', () => {
  it('emits each sentence, markers included, once the next one has begun', () => {
    const steps = run('ISIS was defeated in 2019 [1]. Its branches remain [2][3]. They adapt.', 1);
    expect(texts(steps)).toEqual(['ISIS was defeated in 2019 [1].', 'Its branches remain [2][3].', 'They adapt.']);
    // The first sentence is out before the text has finished arriving.
    const firstAt = steps.findIndex((s) => s.length > 0);
    expect(firstAt).toBeLessThan(steps.length - 1);
  });

  it('keeps markers written after the full stop with their sentence', () => {
    expect(texts(run('ISKP is reorganizing. [1] It is still a danger.[2] Done.', 3))).toEqual(['ISKP is reorganizing. [1]', 'It is still a danger.[2]', 'Done.']);
  });

  it('does not end a sentence at abbreviations, initials or decimals', () => {
    const text = 'The U.S. and e.g. the Taliban disagree [1]. Arrests rose 4.5 times under A. Jadoon (Ed.) [2]. Next.';
    expect(texts(run(text, 2))).toEqual(['The U.S. and e.g. the Taliban disagree [1].', 'Arrests rose 4.5 times under A. Jadoon (Ed.) [2].', 'Next.']);
  });

  it('ends list items and paragraphs at line breaks, and reports the break as the separator', () => {
    const pieces = run('Two works:\n- Hamming (2023) [1]\n- Jadoon (2018) [2]\n\nBoth are recent.', 4).flat();
    expect(pieces).toEqual([
      { text: 'Two works:', separator: '' },
      { text: '- Hamming (2023) [1]', separator: '\n' },
      { text: '- Jadoon (2018) [2]', separator: '\n' },
      { text: 'Both are recent.', separator: '\n\n' },
    ]);
  });

  it('gives the same sentences however the text is cut', () => {
    const text = 'A first claim [1]. A second one [2, 3]! A third? Yes [4].';
    const whole = texts(run(text, text.length));
    for (const size of [1, 2, 5, 11]) expect(texts(run(text, size))).toEqual(whole);
  });

  it('takes linear time finding the word before a stop, however long', () => {
    for (const text of [`${'a'.repeat(4000)} e.g. Then`, `${'a'.repeat(4000)} b. C`]) {
      expect(msFor(() => run(text, text.length)), text.slice(-8)).toBeLessThan(100);
    }
  });
});
