import { splitSentences } from '../corpus/sentences';
import type { Logger } from '../log';
import type { Hit } from '../search/retrieve';
import type { CitationList } from '../answer/citations';
import type { AnswerContext } from '../answer/context';
import type { ChatClient } from '../answer/llm/chat';
import { buildPassages } from '../answer/llm/passages';
import { sectionMessages } from '../answer/llm/prompt';
import { createVerifier } from '../answer/llm/verify';
import { createDeadline } from '../answer/llm/deadline';

/** Writes a section's points from its passages, each verified; undefined when none survives (the caller quotes instead). */
export type SectionWriter = (section: { heading: string; topic: string | null; hits: Hit[] }, cite: CitationList, signal?: AbortSignal) => Promise<string[] | undefined>;

const MAX_SECTION_TOKENS = 350;

/**
 * A briefing section written by a chat model from the section's numbered passages and checked
 * like an answer: each point is verified against the passages its markers cite, renumbered into
 * the briefing's citations, and dropped when they do not support it. A model failure (timeout,
 * error) leaves the section to the extractive points, never fails the briefing.
 */
export function createSectionWriter({ chat, context, logger, timeoutMs }: { chat: ChatClient; context: AnswerContext; logger: Logger; timeoutMs: number }): SectionWriter {
  return async ({ heading, topic, hits }, cite, signal) => {
    const passages = buildPassages(hits, context);
    if (!passages.length) return undefined;
    let reply: string;
    const deadline = createDeadline(timeoutMs, { signal });
    try {
      reply = await chat.complete({ messages: sectionMessages({ heading, topic, passages }), maxTokens: MAX_SECTION_TOKENS, signal: deadline.signal, timeoutMs: deadline.remaining() });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      logger.warn('model failed a briefing section, quoting instead', { section: heading, error: String(err) });
      return undefined;
    } finally {
      deadline.dispose();
    }
    const verify = createVerifier({ passages, support: context.support, cite });
    const points: string[] = [];
    for (const line of reply.split('\n')) {
      const text = line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim();
      if (!text) continue;
      // A bullet of two sentences is checked sentence by sentence, like an answer.
      const kept = splitSentences(text).map((s) => verify(s.text)).filter((s): s is string => s !== undefined);
      if (kept.length) points.push(kept.join(' '));
    }
    return points.length ? points : undefined;
  };
}
