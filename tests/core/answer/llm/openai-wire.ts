/**
 * The OpenAI chat-completions wire format, as a stand-in model server speaks it: request bodies
 * in, plain and streamed (SSE) completions out. Shared by the msw tests and the loopback server.
 */
export interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  [param: string]: unknown;
}

export function completionJson(text: string, model = 'stand-in') {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** One SSE event carrying one piece of streamed text (or the final chunk, when `text` is null). */
export function chunkEvent(text: string | null, model = 'stand-in'): string {
  const choice = text === null ? { index: 0, delta: {}, finish_reason: 'stop' } : { index: 0, delta: { content: text }, finish_reason: null };
  return `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model, choices: [choice] })}\n\n`;
}

export const DONE_EVENT = 'data: [DONE]\n\n';

/** Text cut into small pieces, roughly as a model streams tokens (mid-word, mid-marker). */
export const tokens = (text: string, size = 7): string[] => text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];

export interface PromptPassage {
  n: number;
  kind: string;
  source: string;
  text: string;
}

/** The numbered passages in an answer prompt, read back the way a model would read them. */
export function passagesIn(body: ChatBody): PromptPassage[] {
  const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
  return [...user.matchAll(/<passage n="(\d+)" kind="([^"]*)" source="([^"]*)">\n([\s\S]*?)\n<\/passage>/g)].map((m) => ({ n: Number(m[1]), kind: m[2]!, source: m[3]!, text: m[4]! }));
}

/** The number of the passage whose text contains `needle`: how a stand-in model cites correctly. */
export function numberOf(body: ChatBody, needle: string): number {
  const found = passagesIn(body).find((p) => p.text.includes(needle));
  if (!found) throw new Error(`no passage in the prompt contains "${needle}"`);
  return found.n;
}

export const isCondense = (body: ChatBody) => body.messages.some((m) => m.role === 'user' && m.content.includes('<follow_up>'));
