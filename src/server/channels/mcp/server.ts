import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { z } from 'zod';
import type { AskResponse } from '../../../core/answer/types';
import { REQUEST_LIMITS } from '../../../core/answer/limits';
import type { Logger } from '../../../core/log';
import type { Ready } from '../../env';
import { withAbsoluteLinks } from '../../http/public-origin';
import { rankSources } from './rank-sources';
import { sourceDocument, sourcePageUrl } from './source-document';

/** At most this many results from `search`: enough to choose from, few enough to read. */
const SEARCH_RESULTS = 10;

const CORPUS = "Tassev (2024), \"The Islamic State-Khorasan's Recent Reorganization and Remaining Threat for Central Asia in 2024\", and the works it cites";

/** Said to every calling model: the server exists to give answers it can check. */
const CITE = 'Quote the source text word for word, never paraphrased inside quotation marks, and cite each quote with its url.';

const INSTRUCTIONS = `Grounded answers about ${CORPUS}. Use ask for a question (every claim in its answer is followed by [n], and citations[n] holds the verbatim quote and the source page url), brief for a structured briefing, and search then fetch to read the sources themselves. ${CITE} When an answer says the sources do not cover a question, say so instead of guessing.`;

/** The MCP spec's code for a resource that does not exist (the SDK has no name for it). */
const RESOURCE_NOT_FOUND = -32002;

const { questionChars, turnChars, historyTurns } = REQUEST_LIMITS;

const citationShape = z.looseObject({ n: z.number(), sourceId: z.string(), title: z.string(), quote: z.string(), url: z.string() });

export interface McpServerOptions {
  ready: Ready;
  /** The origin links are made on (PUBLIC_URL, or the request's). */
  origin: string;
  /** The HTTP request: its end cancels a running answer. */
  signal: AbortSignal;
  logger: Logger;
  requestId?: string;
}

/**
 * One MCP server for one request (stateless Streamable HTTP): the tools `search`, `fetch` (the
 * ChatGPT connector pair), `ask` and `brief`, and every source as a resource `source://<id>`.
 * JSON Schemas are checked by @cfworker/json-schema, which Workers can run: the SDK's default, ajv,
 * compiles validators with `new Function`, which workerd refuses.
 */
export function createMcpServer({ ready, origin, signal, logger, requestId }: McpServerOptions): McpServer {
  const { index, answerer } = ready;
  const server = new McpServer(
    { name: 'iskp-briefing-bot', title: 'ISKP briefing bot', version: '0.1.0' },
    { instructions: INSTRUCTIONS, jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );

  // The SDK would answer a throwing handler with the error's own message: log it, say less.
  const guarded =
    <A>(tool: string, run: (args: A, signal: AbortSignal) => Promise<CallToolResult>) =>
    async (args: A, extra: { signal: AbortSignal }): Promise<CallToolResult> => {
      try {
        return await run(args, AbortSignal.any([signal, extra.signal]));
      } catch (err) {
        if (signal.aborted || extra.signal.aborted) throw err;
        logger.error('mcp tool failed', { requestId, tool, error: String(err), stack: (err as Error)?.stack });
        return { isError: true, content: [{ type: 'text', text: `The ${tool} tool failed on the server; the request id ${requestId ?? ''} helps its operator find out why.` }] };
      }
    };

  server.registerTool(
    'search',
    {
      title: 'Search the sources',
      description: `Find the sources in ${CORPUS} that match a query (names, terms, topics; aliases such as ISKP, IS-K, ISIS-K are understood). Returns ids, titles and page urls, best match first; call fetch with an id to read a source. ${CITE}`,
      inputSchema: { query: z.string().trim().min(1).max(questionChars).describe('What to look for, in words the sources might use.') },
      outputSchema: { results: z.array(z.object({ id: z.string(), title: z.string(), url: z.string() })) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('search', async ({ query }: { query: string }) => {
      const results = rankSources(index, query, SEARCH_RESULTS).map((s) => ({ id: s.id, title: s.title, url: sourcePageUrl(origin, s.id) }));
      return structured({ results });
    }),
  );

  server.registerTool(
    'fetch',
    {
      title: 'Read a source',
      description: `Read one source by the id search returned: its full text exactly as the corpus holds it, its page url and its bibliographic metadata (authors, year, outlet…). ${CITE}`,
      inputSchema: { id: z.string().min(1).max(200).describe('A source id from search, e.g. tassev-2024.') },
      outputSchema: { id: z.string(), title: z.string(), text: z.string(), url: z.string(), metadata: z.record(z.string(), z.unknown()) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('fetch', async ({ id }: { id: string }) => {
      const source = index.sourceById.get(id);
      if (!source) return { isError: true, content: [{ type: 'text', text: `No source has the id ${JSON.stringify(id.slice(0, 200))}; search returns the ids there are.` }] };
      return structured(sourceDocument(source, origin));
    }),
  );

  server.registerTool(
    'ask',
    {
      title: 'Ask a question',
      description: `Ask a question about ${CORPUS}. The answer is grounded in the sources: each claim is followed by a marker [n], and citations[n] holds the verbatim quote that supports it and the url of its source page. When you pass the answer on, keep the markers or quote the citations word for word and cite each url; if the answer says the sources do not answer the question, say that rather than guessing. ${CITE}`,
      inputSchema: {
        question: z.string().trim().min(1).max(questionChars).describe(`The question, 1–${questionChars} characters.`),
        history: z
          .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(turnChars) }))
          .max(historyTurns)
          .optional()
          .describe('The conversation so far, oldest first, so a follow-up ("and in 2018?") is understood.'),
      },
      // Loose: the AskResponse whole, its other fields (mode, query, briefing…) included.
      outputSchema: z.looseObject({ answer: z.string(), answerable: z.boolean(), citations: z.array(citationShape), followUps: z.array(z.string()) }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('ask', async (request: { question: string; history?: { role: 'user' | 'assistant'; content: string }[] }, abort) => {
      const response = withAbsoluteLinks(await answerer.ask(request, { signal: abort }), origin);
      return { content: [{ type: 'text', text: response.answer }, { type: 'text', text: citationLines(response) }], structuredContent: { ...response } };
    }),
  );

  server.registerTool(
    'brief',
    {
      title: 'Write a briefing',
      description: `A structured briefing on ${CORPUS}, or on one topic in it: a bottom line, sections of points each followed by [n] markers, what to read next, and the citations (verbatim quotes and source page urls). Returned as Markdown, and as an object. ${CITE}`,
      inputSchema: {
        topic: z.string().trim().min(1).max(200).optional().describe('What to brief on; the whole corpus when absent.'),
        length: z.enum(['short', 'standard']).optional().describe('short: the bottom line and at most three sections of two points.'),
      },
      outputSchema: z.looseObject({ title: z.string(), topic: z.string().nullable(), answerable: z.boolean(), citations: z.array(citationShape), markdown: z.string().optional() }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded('brief', async (request: { topic?: string; length?: 'short' | 'standard' }, abort) => {
      const briefing = withAbsoluteLinks(await answerer.brief(request, { signal: abort }), origin);
      return { content: [{ type: 'text', text: briefing.markdown ?? briefing.bottomLine.text }], structuredContent: { ...briefing } };
    }),
  );

  server.registerResource(
    'source',
    new ResourceTemplate('source://{id}', {
      list: () => ({ resources: index.sources.map((s) => ({ uri: `source://${s.id}`, name: s.id, title: s.title, mimeType: 'text/plain' })) }),
    }),
    { title: 'Sources', description: `The text of each source in ${CORPUS}, exactly as the corpus holds it.`, mimeType: 'text/plain' },
    (uri, { id }) => {
      const source = typeof id === 'string' ? index.sourceById.get(safeDecode(id)) : undefined;
      if (!source) throw new McpError(RESOURCE_NOT_FOUND, `No source at ${uri.href.slice(0, 200)}.`);
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: source.text }] };
    },
  );

  return server;
}

/** A result as JSON text (what ChatGPT connectors read) and as structured content (what typed clients read). */
function structured(value: object): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: { ...value } };
}

/** The citations as lines a model reads beside the answer: `[n] "quote" (title) url`. */
function citationLines({ citations }: AskResponse): string {
  if (!citations.length) return 'No citations.';
  return citations.map((c) => `[${c.n}] "${c.quote}" (${c.title}) ${c.url}`).join('\n');
}

/** A URI's `%xx` escapes decoded; a malformed one is read as written (it then names no source). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
