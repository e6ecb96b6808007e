import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors';

/** Host names a server on one's own machine is reached by, with or without configuration. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Routes an orchestrator probes by address, whatever name the server has; they reveal nothing. */
const PROBES = new Set(['/healthz', '/readyz']);

export interface SiteOptions {
  /** PUBLIC_URL: its host is answered for and its origin is the server's own. */
  publicUrl?: string;
  /** ALLOWED_HOSTS: further host names (`*`: any). */
  allowedHosts: readonly string[];
  /**
   * True where the platform routes requests by host name itself (Cloudflare Workers), so a
   * rebinding name never reaches the server: without PUBLIC_URL or ALLOWED_HOSTS, any host is
   * answered and the request's own URL stands for the server's origin.
   */
  routedByHost?: boolean;
}

export interface Site {
  /** True when the server answers for this host name (a Host header's name, port dropped). */
  answersFor(hostname: string): boolean;
  /** True when a page on `origin` is one of the server's own pages. */
  isOwnOrigin(origin: string, c: Context): boolean;
}

/**
 * Which host names the server answers for and which origins are its own pages, decided from
 * configuration: PUBLIC_URL's origin, pages on an ALLOWED_HOSTS name, and pages on a loopback
 * name at the server's own port. The request's Host is never the yardstick, since a DNS-rebinding
 * page picks it (on loopback only its port is read, once the host guard has let the name in).
 */
export function createSite({ publicUrl, allowedHosts, routedByHost = false }: SiteOptions): Site {
  const own = publicUrl ? new URL(publicUrl) : undefined;
  const names = new Set([...LOOPBACK, ...allowedHosts.map((h) => hostnameOf(h)), ...(own ? [own.hostname] : [])]);
  const configured = Boolean(own) || allowedHosts.length > 0;
  const anyHost = allowedHosts.includes('*') || (routedByHost && !configured);
  return {
    answersFor: (hostname) => anyHost || names.has(hostname.toLowerCase()),
    isOwnOrigin(origin, c) {
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      if (own && url.origin === own.origin) return true;
      if (routedByHost && !configured) return url.origin === new URL(c.req.url).origin;
      // Another port on loopback is another program's page: a loopback page is ours only on our port.
      if (LOOPBACK.has(url.hostname)) {
        const here = new URL(c.req.url);
        return LOOPBACK.has(here.hostname) && url.port === here.port;
      }
      return names.has(url.hostname);
    },
  };
}

/** `Example.COM:8443` → `example.com`; `[::1]:3000` → `[::1]`. */
function hostnameOf(host: string): string {
  try {
    return new URL(`http://${host.trim()}`).hostname;
  } catch {
    return host.trim().toLowerCase();
  }
}

/**
 * Refuses, with 403 `host_not_allowed`, a request for a host name the server does not answer for:
 * the standard defence against DNS rebinding, where a page on an attacker's name that resolves to
 * this server reads its answers as same-origin. Behind TRUST_PROXY the proxy's X-Forwarded-Host
 * is the name the client used. Health probes are exempt.
 */
export function createHostGuard(site: Site, trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (PROBES.has(c.req.path)) return next();
    const forwarded = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
    const hostname = forwarded ? hostnameOf(forwarded) : new URL(c.req.url).hostname;
    if (!site.answersFor(hostname)) {
      throw new AppError(403, 'host_not_allowed', `This server does not answer for the host ${JSON.stringify(hostname.slice(0, 100))}. Its operator can add it with PUBLIC_URL or ALLOWED_HOSTS.`);
    }
    return next();
  };
}
