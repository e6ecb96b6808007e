import { OTHER_BODY_BYTES, QUESTION_BODY_BYTES } from '../../http/body-limit';
import { WIDGET_API_PATHS } from '../../http/origins';
import { QUESTION_PATHS } from '../../http/rate-limit';
import { errorExample } from './openapi-examples';

/** An OpenAPI object, as JSON: the document is data, checked by a validator in the tests rather than by types here. */
export type Json = Record<string, unknown>;

/** A status a route refuses with, and the error codes it carries. */
export interface Refusal {
  status: number;
  description: string;
  codes: readonly string[];
  /** Response headers the refusal always carries (components.headers names). */
  headers?: readonly string[];
}

/**
 * What each code's message reads like, for the examples. The code is the contract; the message is
 * for people and may change, so these are illustrations, not copies the routes must match.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  invalid_request: 'question: question must not be empty',
  invalid_json: 'The body is not valid JSON.',
  incomplete_body: 'The request body ended before it was complete.',
  request_timeout: 'The request body did not arrive within 10 s.',
  invalid_format: 'format must be one of json, apa, bibtex, ris, csl.',
  unauthorized: 'This API needs a key: send Authorization: Bearer <key>.',
  host_not_allowed: 'This server does not answer for the host "rebound.example". Its operator can add it with PUBLIC_URL or ALLOWED_HOSTS.',
  origin_not_allowed: "Requests from https://elsewhere.example are not allowed. The server's WIDGET_ALLOWED_ORIGINS must list it.",
  source_not_found: 'No source with id "nobody-1999". GET /api/sources lists them.',
  payload_too_large: 'The body is larger than this route accepts (256 KB).',
  unsupported_media_type: 'Send the body as JSON with Content-Type: application/json.',
  rate_limited: 'Too many questions from this client; try again in 2 s.',
  internal_error: 'Something went wrong on our side; the request id helps us find it.',
  not_ready: 'The index is still loading; try again in a moment.',
  timeout: 'The answer took too long; please try again.',
  feedback_unavailable: 'The votes could not be read; try again in a moment.',
  not_found: 'No route for GET /api/feedback',
};

/** `/api/sources/*` covers `/api/sources` and everything under it, as Hono matches it. */
const covers = (pattern: string, path: string) => pattern === path || (pattern.endsWith('/*') && (path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1))));

/**
 * The refusals every `/api/*` route can meet before its handler runs, read from the same constants
 * the middleware is configured with (app.ts), so the document follows when a route joins or leaves
 * the question limit or the widget's routes. `path` is the route as Hono writes it.
 */
export function middlewareRefusals(path: string): Refusal[] {
  const isQuestion = (QUESTION_PATHS as readonly string[]).includes(path);
  const fromWidget = WIDGET_API_PATHS.some((pattern) => covers(pattern, path));
  const limitKb = (isQuestion ? QUESTION_BODY_BYTES : OTHER_BODY_BYTES) / 1024;
  return [
    { status: 401, description: 'API_KEYS is set and the request has no valid `Authorization: Bearer <key>` (pages on an allowed origin need none).', codes: ['unauthorized'], headers: ['WWW-Authenticate'] },
    {
      status: 403,
      description: fromWidget ? 'A host name the server does not answer for, or a browser page on an origin WIDGET_ALLOWED_ORIGINS does not list.' : 'A host name the server does not answer for (PUBLIC_URL, ALLOWED_HOSTS).',
      codes: fromWidget ? ['host_not_allowed', 'origin_not_allowed'] : ['host_not_allowed'],
    },
    { status: 413, description: `A body over ${limitKb} KB, refused before it is read.`, codes: ['payload_too_large'] },
    ...(isQuestion ? [{ status: 429, description: 'Over RATE_LIMIT_PER_MINUTE questions from this client.', codes: ['rate_limited'], headers: ['Retry-After'] }] : []),
    { status: 500, description: 'A fault on the server; the body names no internals.', codes: ['internal_error'] },
    { status: 503, description: 'The index is still loading (`not_ready`), or the response did not start within the time budget (`timeout`).', codes: ['not_ready', 'timeout'], headers: ['Retry-After'] },
  ];
}

/** A JSON body that failed `readJson` (read-json.ts), and a body in another media type. */
export const JSON_BODY_REFUSALS: readonly Refusal[] = [
  { status: 400, description: 'Broken JSON (`invalid_json`), a body cut short (`incomplete_body`), or a field outside the contract (`invalid_request`, its message starting with the field, e.g. `history.0.role: …`).', codes: ['invalid_request', 'invalid_json', 'incomplete_body'] },
  { status: 408, description: 'The body was still arriving CLIENT_TIMEOUT_MS (10 s) after the request reached the server (Node); the connection is closed.', codes: ['request_timeout'] },
  { status: 415, description: 'A Content-Type other than JSON.', codes: ['unsupported_media_type'] },
];

/** Refusals for one route, merged by status (a route's own 400 codes join the middleware's). */
export function mergeRefusals(...lists: readonly (readonly Refusal[])[]): Refusal[] {
  const byStatus = new Map<number, Refusal>();
  for (const refusal of lists.flat()) {
    const seen = byStatus.get(refusal.status);
    byStatus.set(
      refusal.status,
      seen ? { ...seen, description: `${seen.description} ${refusal.description}`, codes: [...seen.codes, ...refusal.codes], headers: [...(seen.headers ?? []), ...(refusal.headers ?? [])] } : refusal,
    );
  }
  return [...byStatus.values()].sort((a, b) => a.status - b.status);
}

/** The response object of a refusal: the Error schema narrowed to its codes, an example of each, its headers. */
export function refusalResponse({ description, codes, headers = [] }: Refusal): Json {
  return {
    description,
    headers: headerRefs(headers),
    content: {
      'application/json': {
        // A constraint on top of the one Error schema, so a generated client still sees one error type.
        schema: { allOf: [{ $ref: '#/components/schemas/Error' }, { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes } } } } }] },
        examples: Object.fromEntries(codes.map((code) => [code, { value: errorExample(code, MESSAGES[code] ?? code) }])),
      },
    },
  };
}

/** `X-Request-Id`, on every response, then the ones named. */
export const headerRefs = (names: readonly string[] = []): Json => Object.fromEntries(['X-Request-Id', ...names].map((name) => [name, { $ref: `#/components/headers/${name}` }]));
