import { describe, expect, it } from 'vitest';
import { quoted } from '../../../src/core/answer/citations';
import { msFor } from '../../helpers/timing';

describe('quoted', () => {
  it('drops the final stop and spaces, in linear time however long their run', () => {
    expect(quoted('Defeated and Detained. \u00a0')).toBe('“Defeated and Detained”');
    for (const title of [`${'.'.repeat(4000)}x`, `${' '.repeat(4000)}x`, `${'. '.repeat(2000)}x`]) {
      expect(quoted(title)).toBe(`“${title}”`);
      expect(msFor(() => quoted(title)), JSON.stringify(title.slice(0, 4))).toBeLessThan(100);
    }
  });
});
