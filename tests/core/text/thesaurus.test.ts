import { describe, expect, it } from 'vitest';
import { createThesaurus, type ThesaurusData } from '../../../src/core/text/thesaurus';

const data: ThesaurusData = {
  source: 'test',
  links: {
    globe: [
      ['world', 0.6],
      ['global', 0.7],
    ],
    crush: [['defeat', 0.6]],
    weak: [
      ['weak', 0.8],
      ['attenuat', 0.4],
    ],
    // A key Object.prototype also has: a typed literal cannot hold it, parsed JSON can.
    ...(JSON.parse('{"constructor": [["build", 0.6]]}') as Record<string, [string, number][]>),
  },
  framing: ['paper', 'say'],
};

describe('createThesaurus()', () => {
  it('gives the corpus stems a stem reaches, strongest first', () => {
    const t = createThesaurus(data);
    expect(t.related('globe')).toEqual([
      ['global', 0.7],
      ['world', 0.6],
    ]);
    expect(t.related('crush')).toEqual([['defeat', 0.6]]);
  });

  it('never gives a stem itself, and nothing for a stem it does not know', () => {
    const t = createThesaurus(data);
    expect(t.related('weak')).toEqual([['attenuat', 0.4]]);
    expect(t.related('unknown')).toEqual([]);
  });

  it('keeps keys such as "constructor" and "__proto__" plain keys', () => {
    const t = createThesaurus({ ...data, links: JSON.parse('{"__proto__": [["proto", 0.5]], "constructor": [["build", 0.6]]}') });
    expect(t.related('constructor')).toEqual([['build', 0.6]]);
    expect(t.related('__proto__')).toEqual([['proto', 0.5]]);
    expect(t.related('toString')).toEqual([]);
    expect(t.isFraming('constructor')).toBe(false);
  });

  it('tells framing stems from topic stems', () => {
    const t = createThesaurus(data);
    expect(t.isFraming('paper')).toBe(true);
    expect(t.isFraming('say')).toBe(true);
    expect(t.isFraming('globe')).toBe(false);
  });

  it('counts the stems that reach something', () => {
    expect(createThesaurus(data).size).toBe(4);
  });

  it('is empty without data (an index built without a thesaurus)', () => {
    const t = createThesaurus();
    expect(t.size).toBe(0);
    expect(t.related('globe')).toEqual([]);
    expect(t.isFraming('paper')).toBe(false);
  });
});
