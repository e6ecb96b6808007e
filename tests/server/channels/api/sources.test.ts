import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../../src/server/app';
import { type Ready } from '../../../../src/server/env';
import { parseConfig } from '../../../../src/config';
import { silentLogger } from '../../../../src/core/log';
import { createTestApp } from '../../../helpers/app';
import { documented } from '../../../helpers/openapi';

describe('GET /api/sources', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('lists the paper, its abstract and the 24 references with every documented field', async () => {
    const { sources } = await (await t.app.request('/api/sources')).json();
    expect(sources).toHaveLength(26);
    expect(sources.filter((s: { kind: string }) => s.kind === 'reference')).toHaveLength(24);
    for (const s of sources) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'kind', 'title', 'authors', 'editors', 'year', 'container', 'volume', 'issue', 'pages', 'publisher', 'text']));
    }
  });

  it('serves one source as JSON and as citations to paste into a reference manager', async () => {
    const json = await (await t.app.request('/api/sources/hamming-2023')).json();
    expect(json).toMatchObject({ id: 'hamming-2023', container: 'CTC Sentinel', volume: '16', issue: '7', pages: '20-27' });
    const bib = await t.app.request('/api/sources/hamming-2023?format=bibtex');
    expect(bib.headers.get('content-type')).toMatch(/x-bibtex/);
    expect(await bib.text()).toMatch(/^@article\{hamming-2023,/);
    expect(await (await t.app.request('/api/sources/tassev-2024?format=apa')).text()).toMatch(/^Tassev, I\. V\. \(2024\)/);
    expect(await (await t.app.request('/api/sources/osman-2020?format=ris')).text()).toMatch(/^TY {2}- /);
  });

  it('answers an unknown id or format with a JSON error', async () => {
    const missing = await t.app.request('/api/sources/nobody-1999');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('source_not_found');
    const format = await t.app.request('/api/sources/hamming-2023?format=docx');
    expect(format.status).toBe(400);
    expect((await format.json()).error.code).toBe('invalid_format');
  });
});

describe('GET /readyz', () => {
  it('is 503 until the index is loaded, then 200', async () => {
    let ready: Ready | undefined;
    const t = await createTestApp();
    const app = documented(createApp({ config: parseConfig({}), logger: silentLogger, ready: () => ready, waitUntil: () => {} }));
    expect((await app.request('/readyz')).status).toBe(503);
    expect((await app.request('/api/sources')).status).toBe(503);
    expect((await app.request('/healthz')).status).toBe(200);
    ready = t.engine;
    expect((await app.request('/readyz')).status).toBe(200);
  });
});
