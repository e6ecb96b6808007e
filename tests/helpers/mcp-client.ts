import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** The MCP SDK's own client, connected over Streamable HTTP to `${base}/mcp`, with extra headers on every request. */
export async function connectMcp(base: string | URL, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'iskp-tests', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', base), { requestInit: { headers } }));
  return client;
}

/** One raw POST to `/mcp`, headers as an MCP client sends them unless overridden. */
export function postMcp(base: string | URL, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(new URL('/mcp', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A JSON-RPC `tools/call` message. */
export const toolCall = (name: string, args: unknown, id: number | string = 1) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

/** The first text block of a tool result. */
export const firstText = (result: unknown) => ((result as { content: { type: string; text?: string }[] }).content[0]?.text ?? '');
