/**
 * Text going to and coming from Slack. Slack reads `&`, `<` and `>` as control characters
 * (`<@U123>` mentions a user, `<!channel>` pings everyone), so every piece of text we did not write
 * ourselves — corpus, model, user — goes through `escapeMrkdwn` before it reaches a message.
 */

export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The answer's Markdown in Slack's dialect (`**bold**` → `*bold*`, `- item` → `• item`); run after escaping. */
export const markdownToMrkdwn = (text: string): string =>
  text.replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '*$1*').replace(/^([ \t]*)[-*] (?=\S)/gm, '$1• ');

/**
 * Shortens escaped text to at most `max` characters, ending in an ellipsis. Never leaves half an
 * entity (`&am…`, which Slack would show raw) or half a surrogate pair (an emoji) behind.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z]{0,3}$/, '');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * What a person typed, from Slack's wire format: mentions (`<@U123>`, `<!here>`) dropped, channel
 * and link markup reduced to their labels, entities decoded. Used for questions and thread history.
 */
export function fromSlackText(text: string): string {
  // `[^<>]`, not `[^>]`: Slack escapes a typed `<`, so markup never nests, and a scan that stops at
  // the next `<` keeps 20,000 unclosed `<!` linear instead of rescanning to the end from each one.
  return text
    .replace(/<[@!][^<>]*>/g, '')
    .replace(/<#[A-Z0-9]+\|([^<>]*)>/g, '#$1')
    .replace(/<([^<>|]+)\|([^<>]*)>/g, '$2')
    .replace(/<([^<>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
