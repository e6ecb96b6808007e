import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskResponse, Briefing } from '../../../../src/core/answer/types';
import { connectMcp, firstText, postMcp, toolCall } from '../../../helpers/mcp-client';
import { startServer, type RunningServer } from '../../../helpers/start-server';

const KEY = 'mcp-test-key';
const PARTNER = 'https://partner.example';
const bearer = { authorization: `Bearer ${KEY}` };

interface SearchResult {
  results: { id: string; title: string; url: string }[];
}
interface Document {
  id: string;
  title: string;
  text: string;
  url: string;
  metadata: Record<string, unknown>;
}

describe('MCP at /mcp (Node, the SDK client over Streamable HTTP)', () => {
  let keyed: RunningServer;
  let open: RunningServer;
  let client: Client;

  beforeAll(async () => {
    [keyed, open] = await Promise.all([
      startServer({ API_KEYS: KEY, RATE_LIMIT_PER_MINUTE: '1000', WIDGET_ALLOWED_ORIGINS: PARTNER }),
      startServer({ API_KEYS: KEY, MCP_REQUIRE_KEY: 'false', RATE_LIMIT_PER_MINUTE: '3' }),
    ]);
    client = await connectMcp(keyed.url, bearer);
  });

  afterAll(async () => {
    await client?.close();
    await Promise.all([keyed?.stop(), open?.stop()]);
  });

  const fetchSource = async (id: string) => (await client.callTool({ name: 'fetch', arguments: { id } })).structuredContent as unknown as Document;

  it('lists the four tools, each telling the model to quote and cite', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'brief', 'fetch', 'search']);
    for (const tool of tools) {
      expect(tool.description).toMatch(/word for word/);
      expect(tool.description).toMatch(/cite/);
      expect(tool.outputSchema).toMatchObject({ type: 'object' });
    }
    expect(client.getInstructions()).toMatch(/verbatim/);
  });

  it('search: { results: [{ id, title, url }] } as JSON text and as structured content, urls the source pages', async () => {
    const result = await client.callTool({ name: 'search', arguments: { query: 'ISIS-K recruitment in Central Asia' } });
    const structured = result.structuredContent as unknown as SearchResult;
    expect(JSON.parse(firstText(result))).toEqual(structured);
    expect(structured.results.length).toBeGreaterThan(0);
    expect(structured.results.length).toBeLessThanOrEqual(10);
    for (const r of structured.results) {
      expect(Object.keys(r).sort()).toEqual(['id', 'title', 'url']);
      expect(r.url).toBe(`${keyed.url}/sources/${r.id}`);
    }
    // A page link works without a key: the pages are public.
    expect((await fetch(structured.results[0]!.url)).status).toBe(200);
    const none = await client.callTool({ name: 'search', arguments: { query: 'zzzqqq xyzzy' } });
    expect(none.structuredContent).toEqual({ results: [] });
  });

  it('fetch: the source text exactly as /api/sources holds it, its page and its metadata', async () => {
    const doc = await fetchSource('tassev-2024');
    const api = (await (await fetch(`${keyed.url}/api/sources/tassev-2024`, { headers: bearer })).json()) as { text: string; title: string };
    expect(doc).toMatchObject({ id: 'tassev-2024', title: api.title, text: api.text, url: `${keyed.url}/sources/tassev-2024` });
    expect(doc.metadata).toMatchObject({ kind: 'paper', year: 2024, authors: ['Tassev, I. V.'] });
    const missing = await client.callTool({ name: 'fetch', arguments: { id: 'no-such-source' } });
    expect(missing.isError).toBe(true);
    expect(firstText(missing)).toMatch(/No source has the id/);
  });

  it('ask: the answer as text, the AskResponse as structured content, citations quoting their source pages verbatim', async () => {
    const result = await client.callTool({ name: 'ask', arguments: { question: 'Why has ISKP restructured?' } });
    const response = result.structuredContent as unknown as AskResponse;
    expect(result.isError).toBeFalsy();
    expect(firstText(result)).toBe(response.answer);
    expect(response).toMatchObject({ answerable: true, mode: 'extractive' });
    expect(response.citations.length).toBeGreaterThan(0);
    for (const c of response.citations) {
      expect(c.url.startsWith(`${keyed.url}/sources/${c.sourceId}?`)).toBe(true);
      expect((await fetchSource(c.sourceId)).text).toContain(c.quote);
    }
    // The second block lists the citations for a model that reads text only.
    expect((result.content as { text: string }[])[1]!.text).toContain(response.citations[0]!.quote);
  });

  it('ask: a follow-up is resolved against the history', async () => {
    const result = await client.callTool({
      name: 'ask',
      arguments: { question: 'Why did it have to restructure?', history: [{ role: 'user', content: 'What is the paper about?' }] },
    });
    expect((result.structuredContent as unknown as AskResponse).citations.length).toBeGreaterThan(0);
  });

  it('brief: the Markdown as text, the briefing as structured content', async () => {
    const result = await client.callTool({ name: 'brief', arguments: { length: 'short' } });
    const briefing = result.structuredContent as unknown as Briefing;
    expect(firstText(result)).toBe(briefing.markdown);
    expect(briefing.citations.length).toBeGreaterThan(0);
    for (const c of briefing.citations) expect(c.url.startsWith(`${keyed.url}/sources/`)).toBe(true);
  });

  it('every source is a resource source://<id>, listed and read', async () => {
    const { resources } = await client.listResources();
    expect(resources.length).toBeGreaterThan(20);
    expect(resources).toContainEqual(expect.objectContaining({ uri: 'source://tassev-2024', name: 'tassev-2024', mimeType: 'text/plain' }));
    const { contents } = await client.readResource({ uri: 'source://tassev-2024' });
    expect(contents).toEqual([{ uri: 'source://tassev-2024', mimeType: 'text/plain', text: (await fetchSource('tassev-2024')).text }]);
    await expect(client.readResource({ uri: 'source://no-such-source' })).rejects.toThrow(/No source/);
  });

  describe('Origin (DNS rebinding)', () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } } };

    it('a foreign Origin gets 403 as a JSON-RPC error', async () => {
      const res = await postMcp(keyed.url, init, { ...bearer, origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000, data: { code: 'origin_not_allowed' } } });
    });

    it('no Origin, the server own origin and WIDGET_ALLOWED_ORIGINS pass (the last with CORS)', async () => {
      expect((await postMcp(keyed.url, init, bearer)).status).toBe(200);
      expect((await postMcp(keyed.url, init, { ...bearer, origin: keyed.url })).status).toBe(200);
      const partner = await postMcp(keyed.url, init, { ...bearer, origin: PARTNER });
      expect(partner.status).toBe(200);
      expect(partner.headers.get('access-control-allow-origin')).toBe(PARTNER);
    });
  });

  describe('API keys', () => {
    it('no key: 401 as a JSON-RPC error with a Bearer challenge; a wrong key too; the SDK client fails to connect', async () => {
      const res = await postMcp(keyed.url, toolCall('search', { query: 'ISKP' }));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ jsonrpc: '2.0', error: { data: { code: 'unauthorized' } } });
      expect((await postMcp(keyed.url, toolCall('search', { query: 'ISKP' }), { authorization: 'Bearer wrong' })).status).toBe(401);
      await expect(connectMcp(keyed.url)).rejects.toThrow();
    });

    it('no exemption for the server own pages, unlike /api', async () => {
      const res = await postMcp(keyed.url, toolCall('search', { query: 'ISKP' }), { origin: keyed.url });
      expect(res.status).toBe(401);
    });

    it('MCP_REQUIRE_KEY=false opens /mcp alone: the client works without a key while /api still needs one', async () => {
      const anonymous = await connectMcp(open.url);
      try {
        const result = await anonymous.callTool({ name: 'search', arguments: { query: 'ISKP' } });
        expect((result.structuredContent as unknown as SearchResult).results.length).toBeGreaterThan(0);
      } finally {
        await anonymous.close();
      }
      const api = await fetch(`${open.url}/api/sources`);
      expect(api.status).toBe(401);
    });
  });

  describe('hostile input: a 4xx JSON-RPC error, never a 5xx', () => {
    const expectRpcError = async (res: Response, status: number, code: number) => {
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ jsonrpc: '2.0', error: { code } });
    };

    it('broken JSON: 400 parse error', async () => {
      await expectRpcError(await postMcp(keyed.url, '{"jsonrpc": "2.0", "id": 1, "method": ', bearer), 400, -32700);
    });

    it('JSON that is no JSON-RPC message: 400', async () => {
      await expectRpcError(await postMcp(keyed.url, 'null', bearer), 400, -32600);
      await expectRpcError(await postMcp(keyed.url, '"hello"', bearer), 400, -32600);
      await expectRpcError(await postMcp(keyed.url, '[]', bearer), 400, -32600);
      // Shaped like an object but not like a message: refused by the SDK.
      await expectRpcError(await postMcp(keyed.url, { hello: 'world' }, bearer), 400, -32700);
    });

    it('a batch of 1,000 calls: 400 before any runs', async () => {
      const batch = Array.from({ length: 1000 }, (_, i) => toolCall('ask', { question: 'Who wrote the paper?' }, i + 1));
      await expectRpcError(await postMcp(keyed.url, batch, bearer), 400, -32600);
    });

    it('a small batch is answered', async () => {
      const res = await postMcp(keyed.url, [toolCall('search', { query: 'ISKP' }, 1), toolCall('fetch', { id: 'tassev-2024' }, 2)], bearer);
      expect(res.status).toBe(200);
      const replies = (await res.json()) as { id: number; result: { structuredContent: unknown } }[];
      expect(replies.map((r) => r.id).sort()).toEqual([1, 2]);
    });

    it('a body over the limit: 413', async () => {
      const res = await postMcp(keyed.url, toolCall('ask', { question: 'x'.repeat(400_000) }), bearer);
      await expectRpcError(res, 413, -32000);
    });

    it('wrong argument types: an input-validation error the calling model can read, not a server error', async () => {
      for (const args of [{ question: 42 }, { question: '' }, { question: 'x'.repeat(2001) }, { question: 'ok', history: 'nope' }, null]) {
        const res = await postMcp(keyed.url, toolCall('ask', args), bearer);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { result?: { isError: boolean; content: { text: string }[] }; error?: { code: number } };
        // The SDK (1.32) reports invalid arguments as a tool error, so the model can correct its call.
        expect(body.result?.isError ?? body.error?.code).toBeTruthy();
        if (body.result) expect(body.result.content[0]!.text).toMatch(/validation/i);
      }
      const unknown = await postMcp(keyed.url, toolCall('rm -rf', {}), bearer);
      expect(unknown.status).toBe(200);
      expect(((await unknown.json()) as { result: { isError: boolean } }).result.isError).toBe(true);
      const method = await postMcp(keyed.url, { jsonrpc: '2.0', id: 1, method: 'no/such/method' }, bearer);
      expect(((await method.json()) as { error: { code: number } }).error.code).toBe(-32601);
    });

    it('the wrong method or Accept header: 405 and 406', async () => {
      const get = await fetch(`${keyed.url}/mcp`, { headers: { ...bearer, accept: 'text/event-stream' } });
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
      await expectRpcError(await postMcp(keyed.url, toolCall('search', { query: 'ISKP' }), { ...bearer, accept: 'text/html' }), 406, -32000);
    });
  });

  it('ask and brief calls count against the question rate limit, one token each; other calls are free', async () => {
    // RATE_LIMIT_PER_MINUTE=3 on `open`: a batch of two asks and one brief spends the bucket.
    const batch = [toolCall('ask', { question: 'Who wrote the paper?' }, 1), toolCall('ask', { question: 'Where did it appear?' }, 2), toolCall('brief', { length: 'short' }, 3)];
    expect((await postMcp(open.url, batch)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await postMcp(open.url, toolCall('search', { query: 'ISKP' }))).status).toBe(200);
    const limited = await postMcp(open.url, toolCall('ask', { question: 'Who wrote the paper?' }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ jsonrpc: '2.0', error: { data: { code: 'rate_limited' } } });
    // /api shares the bucket.
    const api = await fetch(`${open.url}/api/ask`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Who wrote the paper?' }) });
    expect(api.status).toBe(429);
  });
});
