import fc from 'fast-check';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { addressKey, createClientKey, lastHop } from '../../../src/server/http/client-key';
import { msFor } from '../../helpers/timing';

describe('addressKey: one key per client, however its address is written', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['::FFFF:10.0.0.1', '10.0.0.1'],
    ['0:0:0:0:0:ffff:10.0.0.1', '10.0.0.1'],
    ['10.0.0.1:5678', '10.0.0.1'],
    ['2001:db8:a:b:1:2:3:4', '2001:db8:a:b::/64'],
    ['2001:0DB8:000a:000b::1', '2001:db8:a:b::/64'],
    ['[2001:db8:a:b::1]:443', '2001:db8:a:b::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::1.2.3.4', '64:ff9b:0:0::/64'],
  ])('%s → %s', (raw, key) => {
    expect(addressKey(raw)).toBe(key);
  });

  it('gives every address of one IPv6 /64 the same key: a host owns its /64 and could rotate through it', () => {
    expect(addressKey('2001:db8:a:b::1')).toBe(addressKey('2001:db8:a:b:ffff:ffff:ffff:ffff'));
    expect(addressKey('2001:db8:a:b::1')).not.toBe(addressKey('2001:db8:a:c::1'));
  });

  it.each(['', '   ', 'unknown', '1.2.3', '256.1.1.1', '1.2.3.4.5', '1.2.3.4::', '1::2::3', 'g::1', '1:2:3:4:5:6:7:8:9', '::1.2.3.256', '<script>', 'x'.repeat(5000)])('rejects %j', (raw) => {
    expect(addressKey(raw)).toBeUndefined();
  });

  it('keys every IPv4 and IPv6 address, in at most 45 characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (ip) => {
        const key = addressKey(ip);
        expect(key).toBeDefined();
        expect(key!.length).toBeLessThanOrEqual(45);
      }),
      { numRuns: 200 },
    );
  });

  it('takes linear time on a long run of zone separators before a line break', () => {
    for (const raw of [`1${'%'.repeat(4000)}\nx`, `fe80::1${'%'.repeat(4000)}\u2028x`]) {
      expect(addressKey(raw)).toBeUndefined();
      expect(msFor(() => addressKey(raw)), JSON.stringify(raw.slice(0, 8))).toBeLessThan(100);
    }
  });
});

describe('lastHop', () => {
  it('takes the right-most X-Forwarded-For entry: the one our proxy wrote', () => {
    expect(lastHop('1.1.1.1, 10.0.0.2 , 192.0.2.9')).toBe('192.0.2.9');
    expect(lastHop('192.0.2.9')).toBe('192.0.2.9');
    expect(lastHop(' , ')).toBeUndefined();
    expect(lastHop(undefined)).toBeUndefined();
  });
});

describe('createClientKey', () => {
  const keyOf = async (options: Parameters<typeof createClientKey>[0], headers: Record<string, string> = {}) => {
    const key = createClientKey(options);
    const app = new Hono().get('/', (c) => c.text(key(c)));
    return (await app.request('/', { headers })).text();
  };
  const peer = () => '198.51.100.4';

  it('is the connection’s address, whatever X-Forwarded-For says, unless TRUST_PROXY', async () => {
    expect(await keyOf({ connectionAddress: peer, trustProxy: false }, { 'x-forwarded-for': '1.2.3.4' })).toBe('198.51.100.4');
  });

  it('with TRUST_PROXY is the address our proxy appended, so a client cannot choose its own bucket', async () => {
    expect(await keyOf({ connectionAddress: peer, trustProxy: true }, { 'x-forwarded-for': 'forged-by-client, 192.0.2.1' })).toBe('192.0.2.1');
  });

  it('with TRUST_PROXY falls back to the connection when the header is missing or not an address', async () => {
    expect(await keyOf({ connectionAddress: peer, trustProxy: true })).toBe('198.51.100.4');
    expect(await keyOf({ connectionAddress: peer, trustProxy: true }, { 'x-forwarded-for': 'garbage' })).toBe('198.51.100.4');
  });

  it('is one shared key when the runtime gives no address (and ignores a CF-Connecting-IP header off Workers)', async () => {
    expect(await keyOf({ trustProxy: false }, { 'cf-connecting-ip': '1.2.3.4' })).toBe('unknown');
  });
});
