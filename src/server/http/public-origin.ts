import type { Context } from 'hono';
import type { AskResponse, Citation } from '../../core/answer/types';
import type { Briefing } from '../../core/brief/types';
import { lastHop } from './client-key';

export interface PublicOriginOptions {
  /** PUBLIC_URL: when set, every link is made on its origin. */
  publicUrl?: string;
  /** TRUST_PROXY: the peer is our own reverse proxy, whose X-Forwarded-Proto and -Host name the public origin. */
  trustProxy: boolean;
}

/** A host name with an optional port, as a proxy may send it: nothing that could bend the URL. */
const HOST = /^[a-z\d.-]{1,253}(?::\d{1,5})?$|^\[[\da-f:.]{2,45}\](?::\d{1,5})?$/i;

/**
 * The origin links to this server's pages are made on: PUBLIC_URL's, else the request's own, or
 * behind TRUST_PROXY the one the proxy says the client used (the right-most value of each header,
 * which our proxy wrote, as with X-Forwarded-For). A header that does not read as a host or a
 * scheme is ignored rather than trusted into a link.
 */
export function createPublicOrigin({ publicUrl, trustProxy }: PublicOriginOptions): (c: Context) => string {
  const fixed = publicUrl ? new URL(publicUrl).origin : undefined;
  return (c) => {
    if (fixed) return fixed;
    const own = new URL(c.req.url);
    if (!trustProxy) return own.origin;
    const proto = lastHop(c.req.header('x-forwarded-proto'))?.toLowerCase();
    const host = lastHop(c.req.header('x-forwarded-host'));
    const scheme = proto === 'http' || proto === 'https' ? `${proto}:` : own.protocol;
    return `${scheme}//${host && HOST.test(host) ? host.toLowerCase() : own.host}`;
  };
}

/** A citation whose page link is absolute on `origin` (the core makes it relative: it knows no origin). */
const onOrigin = (c: Citation, origin: string): Citation => (c.url.startsWith('/') ? { ...c, url: origin + c.url } : c);

/** An answer with every citation's link made absolute, its briefing's included. */
export function withAbsoluteLinks<T extends AskResponse | Briefing>(response: T, origin: string): T {
  const citations = response.citations.map((c) => onOrigin(c, origin));
  if (!('briefing' in response) || !response.briefing) return { ...response, citations };
  return { ...response, citations, briefing: { ...response.briefing, citations: response.briefing.citations.map((c) => onOrigin(c, origin)) } };
}
