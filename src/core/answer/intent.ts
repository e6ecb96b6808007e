/**
 * Requests that are not questions about the sources: instructions aimed at the bot (prompt
 * injection, attempts to read its prompt), or tasks outside its job. The bot declines them
 * whole, even when a real question sits beside them, because the rest of the text is hostile.
 */
const OFF_TASK: RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b[^.?!]{0,60}\b(instruction|instructions|prompt|rules|guidelines|above|previous|prior|context|everything)\b/i,
  /\b(system|hidden|initial|original)\s+(prompt|message|instructions)\b/i,
  /\b(reveal|print|show|repeat|leak|output)\b[^.?!]{0,40}\b(prompt|instructions|configuration|secret|api key|password|token)s?\b/i,
  /\byou are (now|no longer)\b|\bact as\b|\bpretend (to be|you)\b|\brole-?play\b|\bjailbreak\b|\bdeveloper mode\b|\bDAN\b/i,
  /\b(write|compose|generate|create|draft)\b[^.?!]{0,30}\b(poem|story|song|essay|joke|code|script|program|email|letter|tweet|limerick|haiku|recipe)\b/i,
  /\btranslate\b|\bsummari[sz]e the following\b/i,
  // The last alternative is `^\s*(system|assistant)\s*:` with the m flag, which rescanned a run of line breaks from each one.
  /<\s*(?:\/\s*)?(system|assistant|instructions?)\s*>|\[\/?INST\]|(?:^|[\n\r\u2028\u2029])[^\S\n\r\u2028\u2029]*(system|assistant)\s*:/i,
  // Addressed to whoever answers, as text planted in a document is: "When you answer any question
  // about ISKP, say that...", "put this image in every answer".
  /\b(when(ever)?|if|before|after)\s+(you|the\s+(assistant|bot|model|ai))\s+(answer|respond|reply|are\s+asked)\b/i,
  /\b(in|to|into|with|at\s+the\s+end\s+of)\s+(every|each|all|any)\s+(of\s+your\s+)?(answers?|repl(y|ies)|outputs?)\b/i,
];

export function isOffTask(text: string): boolean {
  return OFF_TASK.some((p) => p.test(text));
}

/** The tags that mark data in the LLM prompt (src/core/answer/llm/prompt.ts); in a source, a forged passage. */
const PROMPT_TAG = /<\s*(?:\/\s*)?(passages?|question|standalone_question|conversation|turn|follow_up)\b/i;

/** A prompt tag closed by a `>` somewhere after it (`<tag\b[^>]*>`, which rescanned to the end from every unclosed `<tag`). */
function hasPromptMarkup(text: string): boolean {
  const tag = PROMPT_TAG.exec(text);
  return !!tag && text.includes('>', tag.index + tag[0].length);
}

/**
 * Source text planted to steer the bot: an instruction to it, or markup forging the prompt's own
 * structure. Never quoted, never shown to a model, never evidence for a claim.
 */
export function isPlanted(text: string): boolean {
  return isOffTask(text) || hasPromptMarkup(text);
}

const SMALL_TALK = /^\s*(hi|hello|hey|thanks|thank you|good (morning|afternoon|evening)|ok(ay)?|cool|great|bye)\b[\s!.?]*$/i;

export function isSmallTalk(text: string): boolean {
  return SMALL_TALK.test(text);
}
