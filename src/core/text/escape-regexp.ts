/** `text` with every character a RegExp gives meaning to escaped, to be matched as written inside a pattern. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
