import type { Logger } from '../log';
import { isOffTask } from './intent';
import type { AskRequest, Turn } from './types';

/** Longer than any word, DOI or URL a question needs; a longer run is cut, so no pattern sees it. */
export const MAX_TOKEN_CHARS = 100;

/**
 * The text every pattern in answering sees: whitespace runs (newlines and Unicode spaces included)
 * folded to one space, the ends trimmed, and each token cut to MAX_TOKEN_CHARS. Bounds the work any
 * later pattern can do on hostile input, whatever slips past the regex screen.
 */
export function normalizeText(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  if (folded.length <= MAX_TOKEN_CHARS) return folded;
  return folded
    .split(' ')
    .map((token) => (token.length > MAX_TOKEN_CHARS ? token.slice(0, MAX_TOKEN_CHARS) : token))
    .join(' ');
}

/**
 * A request as the answerers read it: the question and every history turn normalised, and any
 * turn that tries to steer the bot (the same screen the question passes) dropped and logged, so a
 * hostile turn never reaches the follow-up resolver or a model.
 */
export function prepareRequest({ question, history }: AskRequest, logger?: Logger): AskRequest {
  const prepared: AskRequest = { question: normalizeText(question) };
  if (!history) return prepared;
  const kept: Turn[] = [];
  history.forEach((turn, index) => {
    const content = normalizeText(turn.content);
    if (isOffTask(content)) logger?.warn('history turn dropped: it reads as an instruction to the bot', { turn: index, role: turn.role, chars: turn.content.length });
    else kept.push({ role: turn.role, content });
  });
  prepared.history = kept;
  return prepared;
}
