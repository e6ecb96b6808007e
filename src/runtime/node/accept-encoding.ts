/** The content codings the Node server compresses with, smallest output first. */
export type Coding = 'br' | 'gzip';

export interface Negotiated {
  /** The coding to compress with; absent when the client takes none, or prefers the body as it is. */
  coding?: Coding;
  /** False when the client refused the body as it is (`identity;q=0`, or `*;q=0` without naming identity). */
  identity: boolean;
}

const SERVER_ORDER: readonly Coding[] = ['br', 'gzip'];

/**
 * The coding to answer with, by RFC 9110's Accept-Encoding: each coding's q-value (`*` stands for
 * any not named, `x-gzip` is gzip), the highest wins, br before gzip on a tie, and a client that
 * weighs identity (by name or by `*`) above every coding gets the body as it is. No header, or an
 * empty one: as it is. A malformed q-value makes its entry count as absent.
 */
export function negotiateEncoding(header: string | undefined): Negotiated {
  if (header === undefined) return { identity: true };
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : qValue(q.slice(2));
    if (weight !== undefined) weights.set(name === 'x-gzip' ? 'gzip' : name, weight);
  }
  const any = weights.get('*');
  // Identity is acceptable unless refused; weighed against the codings only when the client weighed it.
  const identity = weights.get('identity') ?? any;
  const acceptable = identity === undefined || identity > 0;
  let best: { coding: Coding; q: number } | undefined;
  for (const coding of SERVER_ORDER) {
    const q = weights.get(coding) ?? any ?? 0;
    if (q > 0 && q > (best?.q ?? 0)) best = { coding, q };
  }
  return best && best.q >= (identity ?? 0) ? { coding: best.coding, identity: acceptable } : { identity: acceptable };
}

/** `0`, `0.5`, `1.000`: at most three decimals, between 0 and 1 (RFC 9110's qvalue). */
function qValue(text: string): number | undefined {
  return /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(text) ? Number(text) : undefined;
}
