import { describe, expect, it } from 'vitest';
import { citationFileName, isCitationFormat } from '../../src/server/citation-files';

describe('citation files', () => {
  it('knows the four formats and nothing else', () => {
    for (const format of ['apa', 'bibtex', 'ris', 'csl']) expect(isCitationFormat(format)).toBe(true);
    for (const format of [undefined, '', 'json', 'APA', 'toString', '__proto__']) expect(isCitationFormat(format)).toBe(false);
  });

  it('names a file by the source id, in ASCII a header can carry, with the format’s extension', () => {
    expect(citationFileName('hamming-2023', 'bibtex')).toBe('hamming-2023.bib');
    expect(citationFileName('a"b/ü 2024', 'csl')).toBe('a-b---2024.json');
  });
});
