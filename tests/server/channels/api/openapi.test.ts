import { validate } from '@readme/openapi-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOpenApiDocument } from '../../../../src/server/channels/api/openapi';
import { askRequestSchema, briefRequestSchema } from '../../../../src/server/channels/api/schemas';
import { createTestApp } from '../../../helpers/app';
import { createResponseChecker, createSchemaValidator, type Exchange } from '../../../helpers/openapi';

type Operation = { responses: Record<string, { content?: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> }> };
type Paths = Record<string, Record<string, Operation>>;

const doc = createOpenApiDocument() as { paths: Paths; components: { schemas: Record<string, unknown> } };
const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
/** A concrete path for a template: `/api/sources/{id}` → `/api/sources/x`. */
const concrete = (template: string) => template.replace(/\{[^}]+\}/g, 'x');
/** The headers every documented response carries, so an example is judged by its body alone. */
const headers = (contentType: string) => new Headers({ 'content-type': contentType, 'x-request-id': 'r', 'retry-after': '1', 'www-authenticate': 'Bearer realm="api"' });

describe('GET /openapi.json', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    // With API_KEYS, so the routes that exist only then (/api/feedback) are served too.
    t = await createTestApp({ API_KEYS: 'openapi-test-key' });
  });

  it('serves an OpenAPI 3.1 document that validates, the one the module builds', async () => {
    const res = await t.app.request('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const served = await res.json();
    expect(served).toEqual(JSON.parse(JSON.stringify(createOpenApiDocument())));
    expect(served.openapi).toBe('3.1.0');
    // The parser dereferences in place: it gets a copy.
    expect(await validate(structuredClone(served))).toEqual({ valid: true, warnings: [], specification: 'OpenAPI' });
  });

  it('describes every route the app serves under /api, the probes and itself, and no other', () => {
    const served = t.app.routes
      .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || ['/healthz', '/readyz', '/openapi.json'].includes(r.path)))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(operations.map(({ method, path }) => `${method} ${path}`).sort()).toEqual([...new Set(served)].sort());
  });
});

describe('the OpenAPI document', () => {
  const check = createResponseChecker();

  it('gives every route an example of its success and the error responses of the middleware in front of it', () => {
    for (const { path, method, op } of operations) {
      const ok = Object.values(op.responses['200']?.content ?? {});
      // This document's own example would be itself.
      if (path !== '/openapi.json') expect(ok.some((media) => media.example !== undefined), `${method} ${path}`).toBe(true);
      if (!path.startsWith('/api/')) continue;
      const expected = ['401', '403', '413', '500', '503', ...(method === 'post' ? ['400', '415', '429'] : [])];
      expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(expected));
    }
  });

  it('has examples that fit their own schemas, each error code in its own response', () => {
    let seen = 0;
    for (const { path, method, op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          const values = [media.example, ...Object.values(media.examples ?? {}).map((e) => e.value)].filter((v) => v !== undefined);
          for (const value of values) {
            const body = typeof value === 'string' ? value : JSON.stringify(value);
            expect(check({ method, path: concrete(path), status: Number(status), headers: headers(mediaType), body }), `${method} ${path} ${status} ${mediaType}`).toEqual([]);
            seen++;
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(30);
  });

  it('describes request bodies from the schemas the routes validate with: both accept and refuse the same bodies', () => {
    const validate = createSchemaValidator(doc);
    const cases: [typeof askRequestSchema | typeof briefRequestSchema, string, unknown[]][] = [
      [
        askRequestSchema,
        'AskRequest',
        [
          { question: 'Who wrote the paper?' },
          {},
          { question: 'x'.repeat(2001) },
          { question: 42 },
          { question: 'ok?', history: [{ role: 'system', content: 'x' }] },
          { question: 'ok?', history: Array.from({ length: 21 }, () => ({ role: 'user', content: 'x' })) },
          { question: 'ok?', history: [{ role: 'assistant', content: 'x'.repeat(4000) }] },
          { question: 'ok?', history: [{ role: 'user', content: 'x'.repeat(4001) }] },
        ],
      ],
      [briefRequestSchema, 'BriefRequest', [{}, { topic: 'Central Asia', length: 'short' }, { topic: '' }, { topic: 'x'.repeat(201) }, { length: 'long' }, { topic: 42 }]],
    ];
    for (const [schema, id, bodies] of cases) {
      for (const body of bodies) expect(validate(`components/schemas/${id}`, body).length === 0, JSON.stringify(body).slice(0, 80)).toBe(schema.safeParse(body).success);
    }
  });
});

describe('the response checker (helpers/openapi.ts)', () => {
  const check = createResponseChecker();
  const exchange = (over: Partial<Exchange> & { json?: unknown }): Exchange => ({
    method: 'GET',
    path: '/api/sources/hamming-2023',
    status: 200,
    headers: headers('application/json'),
    body: JSON.stringify(over.json ?? {}),
    ...over,
  });
  const source = { id: 'x', kind: 'reference', title: 't', authors: [], editors: [], year: null, container: null, volume: null, issue: null, pages: null, publisher: null, text: 't' };
  const error = (code: string) => ({ error: { code, message: 'm' }, requestId: 'r' });

  it('passes a response as documented', () => {
    expect(check(exchange({ json: source }))).toEqual([]);
  });

  it.each([
    ['a field the document does not list', exchange({ json: { ...source, extra: 1 } })],
    ['a missing field', exchange({ json: { ...source, title: undefined } })],
    ['a status the route does not answer with', exchange({ status: 418, json: error('teapot') })],
    ['an error code the status does not carry', exchange({ status: 404, json: error('not_ready') })],
    ['a media type the response does not list', exchange({ headers: headers('text/html'), body: '<p>' })],
    ['a missing required header', exchange({ status: 503, headers: new Headers({ 'content-type': 'application/json', 'x-request-id': 'r' }), json: error('not_ready') })],
    ['an undocumented path that is not the app 404', exchange({ path: '/api/elsewhere', json: source })],
    ['an undocumented method that is not the app 405', exchange({ method: 'DELETE', status: 200, json: source })],
    ['a 404 for an undocumented path that is not the app 404', exchange({ path: '/api/elsewhere', status: 404, json: error('source_not_found') })],
    ['an SSE event the document does not list', exchange({ method: 'POST', path: '/api/chat', headers: headers('text/event-stream'), body: 'event: surprise\ndata: {}\n\n' })],
    ['an SSE event whose data does not fit', exchange({ method: 'POST', path: '/api/chat', headers: headers('text/event-stream'), body: 'event: answer-delta\ndata: {"text":1}\n\n' })],
  ])('fails %s', (_what, bad) => {
    expect(check(bad)).not.toEqual([]);
  });

  it("passes the app's 404 for a path and 405 for a method the document does not list", () => {
    expect(check(exchange({ path: '/api/nope', status: 404, json: error('not_found') }))).toEqual([]);
    expect(check(exchange({ method: 'DELETE', status: 405, json: error('method_not_allowed') }))).toEqual([]);
  });
});
