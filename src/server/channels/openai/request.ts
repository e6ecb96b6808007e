import { z } from 'zod';
import { REQUEST_LIMITS } from '../../../core/answer/limits';
import type { AskRequest, Turn } from '../../../core/answer/types';
import { OpenAiRequestError } from './errors';

/**
 * The request contract of `POST /v1/chat/completions`: what OpenAI's clients send, read as loosely
 * as they write it (unknown fields such as temperature or tools are ignored), and mapped onto the
 * bot's own `AskRequest`.
 */

const { questionChars, turnChars, historyTurns } = REQUEST_LIMITS;

/** The one model this server serves, whatever name a client asks for. */
export const MODEL_ID = 'iskp-briefing';

/** A content part: text is read, anything else (an image, audio) is skipped. */
const partSchema = z.union([
  z.object({ type: z.literal('text'), text: z.string({ error: 'text must be a string' }) }),
  z.object({ type: z.string({ error: 'type must be a string' }).refine((t) => t !== 'text', 'a text part needs its text') }).loose(),
]);

const contentSchema = z.union([z.string(), z.array(partSchema), z.null()], { error: 'content must be a string or an array of content parts' });

/** `developer` is OpenAI's newer name for `system`; tool and function results have nothing to answer. */
const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;

const messageSchema = z
  .object({
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
    content: contentSchema.optional(),
  })
  .loose();

/** The body of `POST /v1/chat/completions`: the fields the bot reads, checked; any others let through. */
export const chatCompletionRequestSchema = z
  .object({
    model: z.string({ error: 'model must be a string' }).min(1, 'model must not be empty').max(256, 'model must be at most 256 characters'),
    messages: z.array(messageSchema, { error: 'messages must be an array of { role, content }' }).min(1, 'messages must not be empty'),
    stream: z.boolean({ error: 'stream must be a boolean' }).nullish(),
    n: z.literal(1, { error: 'n must be 1: this server gives one answer per question' }).nullish(),
  })
  .loose();

export type ChatCompletionRequest = z.output<typeof chatCompletionRequestSchema>;
type Message = ChatCompletionRequest['messages'][number];

/** A zod issue's path as OpenAI writes a param: `messages.[2].role`. */
export const paramOf = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.');

/** 400 naming the field at fault. */
const invalidField = (param: string, message: string) => new OpenAiRequestError(400, 'invalid_request', `${param}: ${message}`, param);

/** A message's text: the string, or its text parts joined by new lines. */
const textOf = (content: Message['content']): string =>
  typeof content === 'string' ? content : (content ?? []).flatMap((part) => ('text' in part && typeof part.text === 'string' ? [part.text] : [])).join('\n');

/**
 * The last user message is the question, the user and assistant turns before it its history.
 * System messages are dropped: the bot's rules are its own, not the caller's. The question is
 * held to its limit (a 400 when over); the history is cut to fit instead, since a client replays
 * the whole conversation, the bot's own long briefings included, and refusing it would end the
 * conversation for good.
 */
export function toAskRequest(messages: readonly Message[]): AskRequest {
  let at = messages.length - 1;
  while (at >= 0 && messages[at]!.role !== 'user') at--;
  if (at === -1) throw invalidField('messages', 'there must be a user message: its text is the question');
  const question = textOf(messages[at]!.content).trim();
  if (!question) throw invalidField(`messages.[${at}].content`, 'the question must not be empty');
  if (question.length > questionChars) throw invalidField(`messages.[${at}].content`, `the question must be at most ${questionChars} characters`);
  const history: Turn[] = [];
  for (const m of messages.slice(0, at)) {
    if (m.role !== 'user' && m.role !== 'assistant') continue;
    const content = cut(textOf(m.content).trim(), turnChars);
    if (content) history.push({ role: m.role, content });
  }
  // The latest turns: the ones a follow-up ("and 2018?") leans on.
  return history.length ? { question, history: history.slice(-historyTurns) } : { question };
}

/** The first `max` code units, never ending inside a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return text.slice(0, end);
}
