import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import { createOpenApiDocument } from '../../src/server/channels/api/openapi';

/** Just the parts of the document this checker reads. */
interface MediaType {
  schema?: unknown;
  'x-sse-events'?: Record<string, unknown>;
}
interface ResponseObject {
  headers?: Record<string, { $ref: string }>;
  content?: Record<string, MediaType>;
}
interface Document {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { headers: Record<string, { required?: boolean }> };
}

/** What the checker needs of one exchange; `body` is the response's text. */
export interface Exchange {
  method: string;
  /** The request's path (a query string is ignored). */
  path: string;
  status: number;
  headers: Headers;
  body: string;
}

const ID = 'openapi.json';
/** RFC 6901: each segment of a JSON pointer escapes `~` and `/`. */
const pointer = (...segments: string[]) => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

/**
 * Validates a value against the schema at a JSON pointer into the document (`paths/…/schema`,
 * `components/schemas/AskRequest`): problems, or none. ajv (JSON Schema 2020-12, OpenAPI 3.1's
 * dialect) resolves the `$ref`s into the components.
 */
export function createSchemaValidator(document: object) {
  // Formats are left to the patterns zod writes beside them (a date-time has both).
  const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
  // The whole document as one resource, so `#/components/schemas/…` resolves from any schema in it;
  // its top-level fields named as keywords that check nothing, so strict mode stays on for the schemas.
  ajv.addVocabulary(Object.keys(document));
  ajv.addSchema({ ...document, $id: ID }, undefined, undefined, false);
  const compiled = new Map<string, ValidateFunction>();
  return (at: string, value: unknown): string[] => {
    let fn = compiled.get(at);
    if (!fn) compiled.set(at, (fn = ajv.compile({ $ref: `${ID}#/${at}` })));
    return fn(value) ? [] : ajv.errorsText(fn.errors, { separator: '; ', dataVar: 'body' }).split('; ');
  };
}

/**
 * Checks responses against the OpenAPI document the server serves: the route, method and status
 * must be described, the media type must be one the response lists, its required headers must be
 * there, and a JSON body (each SSE event's data too) must validate against the document's schema.
 * A path the document does not list must be the app's 404 `not_found`, and a method it does not
 * list on a path the app's 405 `method_not_allowed`: those two the document states in prose.
 */
export function createResponseChecker(document = createOpenApiDocument() as unknown as Document) {
  const validate = createSchemaValidator(document);
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{[^/}]+\}/g, '[^/]+')}$`),
  }));

  /** The problems with one exchange: none when the document describes it. */
  return function check({ method, path, status, headers, body }: Exchange): string[] {
    const route = templates.find(({ pattern }) => pattern.test(path.split('?')[0]!));
    const operation = route && document.paths[route.template]![method.toLowerCase()];
    if (!route || !operation) {
      const [expected, code] = route ? [405, 'method_not_allowed'] : [404, 'not_found'];
      const problems = validateJson(pointer('components', 'schemas', 'Error'), body);
      if (status === expected && !problems.length && (JSON.parse(body) as { error: { code: string } }).error.code === code) return [];
      return [`${method} ${path} is not in the document, yet answered ${status} ${body.slice(0, 200)} (expected ${expected} ${code})`, ...problems];
    }
    const where = `${method} ${route.template} ${status}`;
    const response = operation.responses[String(status)];
    if (!response) return [`${where}: status not in the document (it lists ${Object.keys(operation.responses).join(', ')})`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const required = document.components.headers[header.$ref.split('/').pop()!]?.required;
      if (required && !headers.has(name)) problems.push(`${where}: header ${name} is required`);
    }
    if (!response.content) return body === '' ? problems : [...problems, `${where}: the document describes no body, yet one came`];
    const mediaType = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const media = response.content[mediaType];
    if (!media) return [...problems, `${where}: media type "${mediaType}" not in the document (it lists ${Object.keys(response.content).join(', ')})`];
    const at = pointer('paths', route.template, method.toLowerCase(), 'responses', String(status), 'content', mediaType);
    if (media['x-sse-events']) return [...problems, ...checkEvents(at, media['x-sse-events'], body)];
    if (isJson(mediaType)) return [...problems, ...validateJson(`${at}/schema`, body)];
    return problems;
  };

  function validateJson(at: string, body: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`${at}: the body is not JSON: ${body.slice(0, 200)}`];
    }
    return validate(at, value).map((problem) => `${at}: ${problem}`);
  }

  /** Each event of an SSE body: a name the document lists, and data that fits that event's schema. */
  function checkEvents(at: string, events: Record<string, unknown>, body: string): string[] {
    const problems: string[] = [];
    const blocks = body.split('\n\n').filter((block) => block.trim() !== '');
    if (!blocks.length) problems.push(`${at}: an event stream with no events`);
    for (const block of blocks) {
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (name === undefined || !(name in events) || data === undefined) {
        problems.push(`${at}: an event the document does not list: ${block.slice(0, 200)}`);
        continue;
      }
      problems.push(...validateJson(`${at}/x-sse-events/${pointer(name)}`, data).map((p) => `event ${name}: ${p}`));
    }
    return problems;
  }
}

let shared: ReturnType<typeof createResponseChecker> | undefined;

/**
 * Throws, failing the test, when a response is not as the document describes it. Reads a clone,
 * so the caller still reads the body; an event stream is read to its end first.
 */
export async function expectDocumented(method: string, path: string, res: Response): Promise<void> {
  shared ??= createResponseChecker();
  const problems = shared({ method, path, status: res.status, headers: res.headers, body: await res.clone().text() });
  if (problems.length) throw new Error(`The response differs from /openapi.json:\n  ${problems.join('\n  ')}`);
}

/** The paths the document covers: the API, health and readiness, and the document itself. */
const DOCUMENTED = /^\/(?:api\/|healthz$|readyz$|openapi\.json$)/;

type Requester = (input: RequestInfo | URL, init?: RequestInit, ...rest: never[]) => Response | Promise<Response>;

/**
 * The app itself, but every response of its `request()` checked against the document before the
 * test sees it. Everything else (`routes`, `fetch`) is the app's own.
 */
export function documented<A extends { request: Requester }>(app: A): A {
  const request = async (input: RequestInfo | URL, init?: RequestInit, ...rest: never[]) => {
    const res = await app.request(input, init, ...rest);
    const url = typeof input === 'string' ? new URL(input, 'http://localhost') : new URL(input instanceof Request ? input.url : input);
    // The document describes the JSON API; the pages (/, /brief, /sources…) are HTML for people.
    if (DOCUMENTED.test(url.pathname)) await expectDocumented(init?.method ?? (input instanceof Request ? input.method : 'GET'), url.pathname, res);
    return res;
  };
  return new Proxy(app, { get: (target, key) => (key === 'request' ? request : Reflect.get(target, key)) });
}
