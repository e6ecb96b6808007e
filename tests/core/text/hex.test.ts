import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/core/text/hex';

describe('hex', () => {
  it('spells each byte as two lowercase digits', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
    expect(toHex(new Uint8Array())).toBe('');
  });

  it('reads back what it spells, in either case', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromHex(toHex(bytes))).toEqual(bytes);
    expect(fromHex('00FFaB')).toEqual(new Uint8Array([0, 255, 171]));
  });
});
