import { describe, expect, it } from 'vitest';
import { combine, describeCriteria, splitCriteria } from '../../../src/core/answer/list-criteria';
import type { Source } from '../../../src/core/corpus/types';

describe('list criteria', () => {
  it('cuts a question at each conjunction its callback allows, and names the join', () => {
    expect(splitCriteria('Which sources discuss Kabul or Syria?', () => true)).toEqual({ join: 'or', parts: ['Which sources discuss Kabul ', ' Syria?'] });
    expect(splitCriteria('Which are from CSIS as well as from 2023?', () => true)).toEqual({ join: 'and', parts: ['Which are from CSIS ', ' from 2023?'] });
    expect(splitCriteria('Which are from between 2018 and 2021 or about Syria?', (left) => !left.endsWith('2018 '))?.parts).toHaveLength(2);
  });

  it('leaves a question uncut with no allowed conjunction, with both "or" and "and", or with a run of them', () => {
    expect(splitCriteria('Which sources discuss Kabul?', () => true)).toBeUndefined();
    expect(splitCriteria('Kabul and Syria', () => false)).toBeUndefined();
    expect(splitCriteria('Kabul and Syria or Iraq', () => true)).toBeUndefined();
    expect(splitCriteria(`Kabul${' or Syria'.repeat(7)}`, () => true)).toBeUndefined();
  });

  it('takes the union of "or" and the intersection of "and", in the order of the works', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((id) => ({ id }) as Source);
    expect(combine('or', [a!, b!, c!], [[c!], [a!]])).toEqual([a, c]);
    expect(combine('and', [a!, b!, c!], [[c!, b!], [b!]])).toEqual([b]);
    expect(combine('and', [a!, b!, c!], [[a!], [b!]])).toEqual([]);
  });

  it('says the criteria as a lead does', () => {
    expect(describeCriteria('or', ['about Kabul', 'about Syria', 'from 2023'])).toBe('about Kabul, about Syria or from 2023');
    expect(describeCriteria('and', ['about Kabul', 'from 2023'])).toBe('both about Kabul and from 2023');
    expect(describeCriteria('and', ['by Jadoon', 'by Sayed', 'from 2023'])).toBe('by Jadoon, by Sayed and from 2023');
  });
});
