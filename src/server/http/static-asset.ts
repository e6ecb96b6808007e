import type { Hono } from 'hono';
import { etag } from 'hono/etag';
import { contentHash } from '../content-hash';
import type { AppEnv } from '../env';

/** For a URL whose content never changes: a year, the longest caches keep anything, and no revalidation. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** For a fixed URL whose content may change (`/widget.js`, an asset asked for without its version): briefly, then revalidated by ETag. */
export const REVALIDATE = 'public, max-age=300';

/** A page's stylesheet or script, served from the same origin under a URL that changes with its content. */
export interface StaticAsset {
  /** Where it is served: `/demo.css`. */
  path: string;
  /** A hash of the content: 16 hex digits. */
  version: string;
  /** What pages reference: `/demo.css?v=<version>`, cached for a year. */
  url: string;
  /** The version as a strong ETag, so a revalidation gets a 304. */
  etag: string;
  contentType: string;
  body: string;
}

/** An asset whose versioned URL and ETag come from a hash of its content. */
export function createStaticAsset(path: string, contentType: string, body: string): StaticAsset {
  const version = contentHash(body);
  return { path, version, url: `${path}?v=${version}`, etag: `"${version}"`, contentType, body };
}

/**
 * `GET path`: at its versioned URL the asset is immutable for a year; without the version, or with
 * an old one (a page cached from before a deploy), it is cached briefly, so a year-long cache
 * never holds new content under an old URL. A matching If-None-Match gets a 304 either way.
 */
export function serveStaticAsset(app: Hono<AppEnv>, asset: StaticAsset): void {
  app.get(asset.path, etag(), (c) =>
    c.body(asset.body, 200, { 'Content-Type': asset.contentType, 'Cache-Control': c.req.query('v') === asset.version ? IMMUTABLE : REVALIDATE, ETag: asset.etag }),
  );
}
