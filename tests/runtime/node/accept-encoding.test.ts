import { describe, expect, it } from 'vitest';
import { negotiateEncoding } from '../../../src/runtime/node/accept-encoding';

describe('Accept-Encoding negotiation', () => {
  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['x-gzip', 'gzip'],
    ['*', 'br'],
    ['deflate', undefined],
    ['', undefined],
  ])('%j: %s', (header, coding) => {
    expect(negotiateEncoding(header).coding).toBe(coding);
  });

  it('sends the body as it is when the request names no coding', () => {
    expect(negotiateEncoding(undefined)).toEqual({ identity: true });
  });

  it('honours q-values: the highest wins, br first on a tie, q=0 refuses', () => {
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.8').coding).toBe('gzip');
    expect(negotiateEncoding('gzip;q=0.7, br;q=0.7').coding).toBe('br');
    expect(negotiateEncoding('br;q=0, gzip').coding).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0')).toEqual({ identity: true });
    expect(negotiateEncoding('GZIP ; Q=0.5').coding).toBe('gzip');
    // A coding weighed below 1 is still taken over an identity the client did not weigh.
    expect(negotiateEncoding('gzip;q=0.5').coding).toBe('gzip');
  });

  it('gives the body as it is to a client that weighs identity above every coding', () => {
    expect(negotiateEncoding('gzip;q=0.5, identity')).toEqual({ identity: true });
    expect(negotiateEncoding('br;q=0.4, gzip;q=0.4, *;q=0.5').coding).toBeUndefined();
  });

  it('knows when identity is refused: by name, or by *;q=0 without naming it', () => {
    expect(negotiateEncoding('gzip, identity;q=0')).toEqual({ coding: 'gzip', identity: false });
    expect(negotiateEncoding('br, *;q=0')).toEqual({ coding: 'br', identity: false });
    expect(negotiateEncoding('br, identity, *;q=0')).toEqual({ coding: 'br', identity: true });
    // Nothing acceptable at all: the body goes out as it is rather than not at all.
    expect(negotiateEncoding('identity;q=0')).toEqual({ identity: false });
  });

  it('ignores an entry whose q-value is malformed', () => {
    expect(negotiateEncoding('br;q=2, gzip').coding).toBe('gzip');
    expect(negotiateEncoding('br;q=abc').coding).toBeUndefined();
    expect(negotiateEncoding('gzip;q=0.1234').coding).toBeUndefined();
  });
});
