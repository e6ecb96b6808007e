import type { Context } from 'hono';
import { LINE_BREAK } from '../../core/text/scan';

/** The address of the peer on the other end of the connection, as the runtime knows it. */
export type ConnectionAddress = (c: Context) => string | undefined;

/**
 * Cloudflare sets CF-Connecting-IP on every request and overwrites one the client sent, so on
 * Workers it is the connection's address. Anywhere else the header proves nothing, and is ignored.
 */
export const workersConnectionAddress: ConnectionAddress | undefined =
  globalThis.navigator?.userAgent === 'Cloudflare-Workers' ? (c) => c.req.header('cf-connecting-ip') : undefined;

export interface ClientKeyOptions {
  /** Node: the socket's remote address (getConnInfo). Absent: every client shares one key. */
  connectionAddress?: ConnectionAddress;
  /** TRUST_PROXY: the peer is our own reverse proxy, which names the client in X-Forwarded-For. */
  trustProxy: boolean;
}

/**
 * Who is asking, as a short stable key: the rate limiter's bucket and (pseudonymised) the logs'
 * `client`. Addresses are normalised so one client cannot pass for many: IPv4-mapped IPv6 is
 * plain IPv4, and an IPv6 address counts as its /64, which a single host usually owns whole.
 */
export function createClientKey({ connectionAddress, trustProxy }: ClientKeyOptions): (c: Context) => string {
  return (c) => {
    const forwarded = trustProxy ? addressKey(lastHop(c.req.header('x-forwarded-for'))) : undefined;
    return forwarded ?? addressKey(connectionAddress?.(c)) ?? 'unknown';
  };
}

/**
 * Each proxy appends the address it received the request from, so the right-most entry is the one
 * our proxy wrote: the client as it saw it. Everything to its left arrived from the client and
 * says whatever the client likes; keying on the left-most entry would let anyone pick a fresh
 * bucket per request. Behind a chain of proxies, have the outer one overwrite the header.
 */
export function lastHop(header: string | undefined): string | undefined {
  const hops = header?.split(',').map((h) => h.trim()).filter(Boolean);
  return hops?.at(-1);
}

/** The four octets of a dotted IPv4 address, or undefined if it is not one. */
function ipv4Octets(text: string): number[] | undefined {
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)?.slice(1).map(Number);
  return octets?.every((o) => o <= 255) ? octets : undefined;
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; `2001:db8:a:b:1:2:3:4` → `2001:db8:a:b::/64`; junk → undefined. */
export function addressKey(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let address = raw.trim();
  // Some proxies write "[v6]:port" or "v4:port"; the port changes per connection, the client does not.
  address = /^\[([^\]]+)\](?::\d+)?$/.exec(address)?.[1] ?? /^(\d[\d.]+):\d+$/.exec(address)?.[1] ?? address;
  // A line break makes it no address; checked before the zone is cut, which could drop the break.
  if (LINE_BREAK.test(address)) return undefined;
  // A zone ("fe80::1%eth0") names the interface it came in on, not the client.
  const zone = address.indexOf('%');
  address = (zone === -1 ? address : address.slice(0, zone)).toLowerCase();
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address)?.[1];
  if (mapped) address = mapped;
  if (/^[\d.]+$/.test(address)) return ipv4Octets(address)?.join('.');
  const groups = ipv6Groups(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : undefined;
}

/** The eight 16-bit groups of an IPv6 address (without leading zeros), or undefined if it is not one. */
function ipv6Groups(address: string): string[] | undefined {
  if (!/^[0-9a-f:.]+$/.test(address) || address.split('::').length > 2) return undefined;
  const [head = '', tail] = address.split('::');
  const part = (s: string) => (s ? s.split(':') : []);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  // An embedded IPv4 tail ("64:ff9b::1.2.3.4") fills the last two groups.
  const end = tail === undefined ? left : right;
  if (end.at(-1)?.includes('.')) {
    const octets = ipv4Octets(end.at(-1)!);
    if (!octets) return undefined;
    const [a, b, c, d] = octets as [number, number, number, number];
    end.splice(-1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
