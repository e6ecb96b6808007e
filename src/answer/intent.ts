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
  /<\s*\/?\s*(system|assistant|instructions?)\s*>|\[\/?INST\]|^\s*(system|assistant)\s*:/im,
];

export function isOffTask(text: string): boolean {
  return OFF_TASK.some((p) => p.test(text));
}

const SMALL_TALK = /^\s*(hi|hello|hey|thanks|thank you|good (morning|afternoon|evening)|ok(ay)?|cool|great|bye)\b[\s!.?]*$/i;

export function isSmallTalk(text: string): boolean {
  return SMALL_TALK.test(text);
}
