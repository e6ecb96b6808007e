import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostSite {
  /** e.g. `http://127.0.0.1:41234`: a different origin from the bot server (another port). */
  origin: string;
  close(): Promise<void>;
}

/**
 * A stand-in for a third-party site: a tiny HTTP server on 127.0.0.1 serving the HTML that
 * `page(path)` returns (404 when it returns undefined). No CSP, like many real sites.
 */
export async function startHostSite(page: (path: string) => string | undefined): Promise<HostSite> {
  const server = createServer((req, res) => {
    const html = page(new URL(req.url ?? '/', 'http://host').pathname);
    res.writeHead(html === undefined ? 404 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
