/**
 * Worst cases for regular expressions, built on purpose rather than drawn at random: long runs of
 * one character that several neighbouring quantifiers could share, ended by a character that makes
 * the match fail (a newline defeats `$` without the `m` flag). Used by the soak's adversarial
 * phase and the security tests, at the API's limits.
 */

/** A Slack message's text at its longest (the API's own limits are REQUEST_LIMITS, src/core/answer/limits.ts). */
export const SLACK_TEXT_CHARS = 40_000;

export interface Adversarial {
  name: string;
  text: string;
}

/** Each worst case, `length` characters long. */
export function adversarialTexts(length: number): Adversarial[] {
  const fill = (unit: string, head = '', tail = '') => head + unit.repeat(Math.max(0, Math.floor((length - head.length - tail.length) / unit.length))) + tail;
  return [
    { name: 'spaces, then x\\ny', text: fill(' ', '', 'x\ny') },
    { name: '"what about", spaces, x\\ny', text: fill(' ', 'what about', 'x\ny') },
    { name: 'no-break spaces, then x\\ny', text: fill('\u00a0', '', 'x\ny') },
    { name: 'Unicode spaces, then !\\n', text: fill('\u2003\u3000\u202f\u2028', 'and ', '!\n') },
    { name: 'tabs and newlines', text: fill('\t\n', 'ISKP', 'y') },
    { name: 'repeated <!', text: fill('<!') },
    { name: 'repeated <@', text: fill('<@') },
    { name: 'repeated <#C1|', text: fill('<#C1|') },
    { name: 'brackets', text: fill('[1', 'ISKP ') },
    { name: 'parentheses', text: fill('(', 'ISKP ') },
    { name: 'quotes', text: fill('"“\'', 'ISKP ') },
    { name: 'one letter', text: fill('a', '', '!') },
    { name: 'dots and marks', text: fill('.?!', 'ISKP', 'x') },
    { name: 'percent signs', text: fill('%') },
    { name: 'ISKP, spaces, and more', text: fill(' ', 'What is ISKP', ' and') },
  ];
}
