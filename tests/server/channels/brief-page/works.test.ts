import { describe, expect, it } from 'vitest';
import { briefingWorks } from '../../../../src/server/channels/brief-page/works';
import { fixtureBriefing, seedCatalogue } from './stand-in';

describe('briefingWorks: what the figure counts', () => {
  it('is every cited source and every Read next source, once each, with its year and kind from the index', () => {
    const works = briefingWorks(fixtureBriefing(), seedCatalogue());
    expect(works).toEqual([
      { sourceId: 'tassev-2024-abstract', year: 2024, kind: 'journal' },
      { sourceId: 'palmer-2023', year: 2023, kind: 'institute' },
      { sourceId: 'hamming-2023', year: 2023, kind: 'journal' },
      { sourceId: 'jadoon-2023', year: 2023, kind: 'journal' },
    ]);
  });

  it('reads a cited source the index no longer holds from its citation, and leaves out an unknown Read next', () => {
    const briefing = fixtureBriefing();
    briefing.citations[5] = { ...briefing.citations[5]!, sourceId: 'gone-2019', year: 2019, publisher: 'The Washington Post' };
    briefing.readNext.push({ sourceId: 'unknown-2001', why: 'Not in the index.' });
    const works = briefingWorks(briefing, seedCatalogue());
    expect(works).toContainEqual({ sourceId: 'gone-2019', year: 2019, kind: 'news' });
    expect(works.map((x) => x.sourceId)).not.toContain('unknown-2001');
  });
});
