import { z } from 'zod';
import { version } from '../../../../package.json';
import {
  apaExample,
  askRequestExample,
  askResponseExample,
  briefingExample,
  briefingMarkdownExample,
  briefRequestExample,
  chatStreamExample,
  feedbackCsvExample,
  feedbackReviewExample,
  readyExample,
  sourceExample,
} from './openapi-examples';
import { headerRefs, JSON_BODY_REFUSALS, mergeRefusals, middlewareRefusals, refusalResponse, type Json, type Refusal } from './openapi-errors';
import {
  askResponseSchema,
  briefingSchema,
  briefSectionSchema,
  chatDeltaSchema,
  chatStartSchema,
  citationSchema,
  cslItemSchema,
  errorBodySchema,
  feedbackReviewSchema,
  healthSchema,
  readySchema,
  sourceListSchema,
  sourceSchema,
  startingSchema,
} from './response-schemas';
import { askRequestSchema, briefRequestSchema, feedbackFormatSchema, sourceFormatSchema, turnSchema } from './schemas';
import { CITATION_FILES } from '../../citation-files';

const COMPONENT = '#/components/schemas/';
const ref = (id: string) => ({ $ref: `${COMPONENT}${id}` });

/**
 * The OpenAPI 3.1 document of the HTTP API, served at `/openapi.json`. Request bodies and
 * parameters are converted from the zod schemas the routes validate with (schemas.ts), responses
 * from response-schemas.ts; the refusals each route meets come from the middleware's own
 * constants (openapi-errors.ts). Nothing here restates a field.
 */
export function createOpenApiDocument(): Json {
  const api = (path: string, operation: Json, own: readonly Refusal[] = []) => ({
    ...operation,
    // Open unless the server sets API_KEYS: either no credentials, or a key.
    security: [{}, { apiKey: [] }],
    responses: { ...(operation.responses as Json), ...refusals(mergeRefusals(middlewareRefusals(path), own)) },
  });
  // Always behind a key, from pages too, and absent without API_KEYS: its own refusals replace the middleware's of the same status.
  const keyed = (path: string, operation: Json, own: readonly Refusal[]) => {
    const replaced = new Set(own.map((r) => r.status));
    return {
      ...operation,
      security: [{ apiKey: [] }],
      responses: { ...(operation.responses as Json), ...refusals(mergeRefusals(middlewareRefusals(path).filter((r) => !replaced.has(r.status)), own)) },
    };
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'ISKP briefing bot',
      version,
      description: [
        'Grounded, cited answers about Tassev (2024) and the works it cites. Every `[n]` marker in a text matches a citation whose `quote` is copied word for word from its source.',
        'Errors are always JSON, `{ "error": { "code", "message" }, "requestId" }`; `code` is stable, `message` is for people. Beyond the responses listed per route: a path not listed here answers `404 not_found`, and a listed path asked with another method `405 method_not_allowed` with an `Allow` header.',
        'Every response carries `X-Request-Id`, except a 499, written for a client that has already gone.',
      ].join('\n\n'),
    },
    tags: [
      { name: 'answers', description: 'Questions and briefings: rate-limited per client.' },
      { name: 'sources', description: 'The citable records.' },
      { name: 'feedback', description: 'Votes on answers, for maintainers: always behind a key.' },
      { name: 'operations', description: 'Probes and this document.' },
    ],
    paths: {
      '/api/ask': {
        post: api(
          '/api/ask',
          {
            tags: ['answers'],
            operationId: 'ask',
            summary: 'Answer a question, citing the sources word for word',
            requestBody: jsonBody('AskRequest', askRequestExample),
            responses: {
              200: { description: 'The answer. `answerable: false` when the sources do not support one; `followUps` then suggests questions they do.', headers: headerRefs(), content: json('AskResponse', askResponseExample) },
              ...clientGone,
            },
          },
          JSON_BODY_REFUSALS,
        ),
      },
      '/api/chat': {
        post: api(
          '/api/chat',
          {
            tags: ['answers'],
            operationId: 'chat',
            summary: 'The same answer, streamed as Server-Sent Events',
            requestBody: jsonBody('AskRequest', askRequestExample),
            responses: {
              200: {
                description: [
                  'Events, each `event: <name>` and one `data:` line of JSON (`x-sse-events` names the schema of each):',
                  '`answer-start` (`ChatStart`) first; `answer-delta` (`ChatDelta`) in order, concatenated the `answer`; `briefing-section` (`BriefSection`) after each section of a briefing has been sent as text;',
                  'then `answer-end` (`AskResponse`, exactly what `/api/ask` returns) or `error` (`Error`) when the answer fails once the stream has begun.',
                ].join(' '),
                headers: headerRefs(),
                content: {
                  'text/event-stream': {
                    schema: { type: 'string' },
                    'x-sse-events': { 'answer-start': ref('ChatStart'), 'answer-delta': ref('ChatDelta'), 'briefing-section': ref('BriefSection'), 'answer-end': ref('AskResponse'), error: ref('Error') },
                    example: chatStreamExample,
                  },
                },
              },
            },
          },
          JSON_BODY_REFUSALS,
        ),
      },
      '/api/brief': {
        post: api(
          '/api/brief',
          {
            tags: ['answers'],
            operationId: 'brief',
            summary: 'A briefing: bottom line, evidence by section, what to read next',
            description: 'On a topic, or on the whole corpus without one. A topic the sources do not cover is declined: `answerable: false` with `followUps`.',
            requestBody: jsonBody('BriefRequest', briefRequestExample),
            responses: {
              200: {
                description: 'The briefing, or its Markdown when `Accept` prefers `text/markdown` to `application/json`.',
                headers: headerRefs(),
                content: { ...json('Briefing', briefingExample), 'text/markdown': { schema: { type: 'string' }, example: briefingMarkdownExample } },
              },
              ...clientGone,
            },
          },
          JSON_BODY_REFUSALS,
        ),
      },
      '/api/sources': {
        get: api('/api/sources', {
          tags: ['sources'],
          operationId: 'listSources',
          summary: 'Every citable record: the paper, its abstract, its references and added documents',
          responses: { 200: { description: 'The records.', headers: headerRefs(), content: json('SourceList', { sources: [sourceExample] }) } },
        }),
      },
      '/api/sources/{id}': {
        get: api(
          '/api/sources/:id',
          {
            tags: ['sources'],
            operationId: 'getSource',
            summary: 'One record, or a citation of it to paste into a reference manager',
            parameters: [
              { name: 'id', in: 'path', required: true, description: 'A `sourceId` from a citation, or an `id` from `/api/sources`.', schema: { type: 'string' }, example: 'hamming-2023' },
              { name: 'format', in: 'query', required: false, description: '`json` (the record) or a citation: APA text, BibTeX, RIS or CSL-JSON.', schema: parameterSchema(sourceFormatSchema) },
            ],
            responses: {
              200: {
                description: 'The record as JSON, or the citation in the media type of its format.',
                headers: headerRefs(),
                content: {
                  ...json('Source', sourceExample),
                  ...Object.fromEntries(Object.entries(CITATION_FILES).map(([format, { mediaType: type }]) => [mediaType(type), format === 'csl' ? { schema: ref('CslItem') } : { schema: { type: 'string' }, ...(format === 'apa' ? { example: apaExample } : {}) }])),
                },
              },
            },
          },
          [
            { status: 400, description: 'A `format` not in the list (`invalid_format`).', codes: ['invalid_format'] },
            { status: 404, description: 'No source has this id.', codes: ['source_not_found'] },
          ],
        ),
      },
      '/api/feedback': {
        get: keyed(
          '/api/feedback',
          {
            tags: ['feedback'],
            operationId: 'reviewFeedback',
            summary: 'What users thought of the answers: totals, rates, the questions voted not helpful',
            description: 'Votes come from the Slack bot’s Helpful / Not helpful buttons. They hold users’ questions and ids, so this route needs a key from every client and does not exist when the server sets no API_KEYS. Never cached (`Cache-Control: no-store`).',
            parameters: [
              {
                name: 'format',
                in: 'query',
                required: false,
                description: '`json` (the review) or `csv` (every vote, as a download). Absent: JSON, or CSV when `Accept` prefers `text/csv` to `application/json`.',
                schema: parameterSchema(feedbackFormatSchema),
              },
            ],
            responses: {
              200: {
                description: 'The review as JSON, or every vote as CSV (RFC 4180, a header row first; a cell a spreadsheet would run as a formula starts with `\'`).',
                headers: headerRefs(),
                content: { ...json('FeedbackReview', feedbackReviewExample), 'text/csv': { schema: { type: 'string' }, example: feedbackCsvExample } },
              },
            },
          },
          [
            { status: 400, description: 'A `format` other than `json` or `csv`.', codes: ['invalid_request'] },
            { status: 401, description: 'No valid `Authorization: Bearer <key>`: this route needs one from every client, pages on an allowed origin included.', codes: ['unauthorized'], headers: ['WWW-Authenticate'] },
            { status: 404, description: 'The server sets no API_KEYS, so it does not serve the votes at all.', codes: ['not_found'] },
            { status: 503, description: 'The votes could not be read (`feedback_unavailable`), or the response did not start within the time budget (`timeout`).', codes: ['feedback_unavailable', 'timeout'], headers: ['Retry-After'] },
          ],
        ),
      },
      '/healthz': {
        get: {
          tags: ['operations'],
          operationId: 'health',
          summary: 'Liveness: answers as soon as the server listens',
          responses: { 200: { description: 'Listening.', headers: headerRefs(), content: json('Health', { status: 'ok' }) } },
        },
      },
      '/readyz': {
        get: {
          tags: ['operations'],
          operationId: 'ready',
          summary: 'Readiness: 503 while the index loads',
          responses: {
            200: { description: 'Ready to answer.', headers: headerRefs(), content: json('Ready', readyExample) },
            503: { description: 'The index is still loading: what a probe expects to hear, not an error.', headers: headerRefs(), content: json('Starting', { status: 'starting' }) },
          },
        },
      },
      '/openapi.json': {
        get: {
          tags: ['operations'],
          operationId: 'openApi',
          summary: 'This document',
          responses: {
            200: { description: 'OpenAPI 3.1.', headers: headerRefs(), content: { 'application/json': { schema: { type: 'object' } } } },
            403: refusalResponse({ status: 403, description: 'A host name the server does not answer for.', codes: ['host_not_allowed'] }),
          },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      headers: {
        'X-Request-Id': { description: "The request's id, on its log lines and in error bodies.", required: true, schema: { type: 'string' } },
        'Retry-After': { description: 'Seconds to wait before trying again.', required: true, schema: { type: 'integer', minimum: 1 } },
        'WWW-Authenticate': { description: '`Bearer realm="api"`, with `error="invalid_token"` for a wrong key.', required: true, schema: { type: 'string' } },
      },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Needed on `/api/*` only when the server sets API_KEYS, and then not from pages on its own or an allowed origin; `/api/feedback` needs it from every client.' },
      },
    },
  };
}

/**
 * 499: the client left before the answer was ready. Nobody reads it, but the request log records
 * it; a bare Response, so it carries no X-Request-Id either.
 */
const clientGone = { 499: { description: 'The client closed the connection and the answer was cancelled: no body, no headers of note.' } };

const json = (id: string, example: unknown) => ({ 'application/json': { schema: ref(id), example } });
const jsonBody = (id: string, example: unknown) => ({ required: true, content: json(id, example) });
/** A content map's key is a media type; the charset the route sends is a detail of the response. */
const mediaType = (contentType: string) => contentType.split(';')[0]!.trim();

const refusals = (list: readonly Refusal[]) => Object.fromEntries(list.map((r) => [r.status, refusalResponse(r)]));

/**
 * The component schemas, converted from zod: requests as the routes accept them (`input`: before
 * trimming and defaults), responses as they are sent (`output`).
 */
function componentSchemas(): Record<string, Json> {
  const requests = z.registry<{ id: string }>();
  requests.add(turnSchema, { id: 'Turn' }).add(askRequestSchema, { id: 'AskRequest' }).add(briefRequestSchema, { id: 'BriefRequest' });
  const responses = z.registry<{ id: string }>();
  const named: [z.ZodType, string][] = [
    [citationSchema, 'Citation'],
    [askResponseSchema, 'AskResponse'],
    [briefSectionSchema, 'BriefSection'],
    [briefingSchema, 'Briefing'],
    [sourceSchema, 'Source'],
    [sourceListSchema, 'SourceList'],
    [cslItemSchema, 'CslItem'],
    [errorBodySchema, 'Error'],
    [chatStartSchema, 'ChatStart'],
    [chatDeltaSchema, 'ChatDelta'],
    [healthSchema, 'Health'],
    [readySchema, 'Ready'],
    [startingSchema, 'Starting'],
    [feedbackReviewSchema, 'FeedbackReview'],
  ];
  for (const [schema, id] of named) responses.add(schema, { id });
  return { ...convert(requests, 'input'), ...convert(responses, 'output') };
}

function convert(registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output'): Record<string, Json> {
  const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `${COMPONENT}${id}`, override: dropSafeIntegerBounds });
  // Components, not documents: the dialect is OpenAPI 3.1's own (2020-12), and zod's `$id`
  // (`#/components/…`) is a fragment, which 2020-12 does not allow as an identifier.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema as Json]));
}

/**
 * zod writes `int()` as an integer within ±(2^53 − 1), which every JSON number a client will see
 * already is: the bounds only clutter the document and the types generated from it.
 */
function dropSafeIntegerBounds({ jsonSchema }: { jsonSchema: { minimum?: number; maximum?: number } }) {
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
}

/** A parameter's schema: what the route accepts, its default included. */
function parameterSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' });
  return rest as Json;
}
