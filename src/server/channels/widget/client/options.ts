import { withoutTrailing } from '../../../../core/text/scan';

export type Position = 'bottom-right' | 'bottom-left';
export type Theme = 'light' | 'dark' | 'auto';

export interface WidgetOptions {
  /** Where the API lives, without a trailing slash; may include a path prefix. */
  endpoint: string;
  title: string;
  greeting: string;
  /** Starter questions under the greeting. */
  suggestions: string[];
  /** Any CSS colour; undefined keeps the built-in accent. */
  accent: string | undefined;
  position: Position;
  theme: Theme;
  openOnLoad: boolean;
}

export const DEFAULTS = {
  title: 'Ask about the paper',
  greeting:
    'Hi! I answer questions about Tassev (2024) on Islamic State Khorasan Province and the 24 works it cites. Every answer points to the exact passage it rests on.',
  suggestions: ['What is ISKP?', 'Who wrote the paper?', 'Which references are from 2023?'],
};

const TRUE = ['', 'true', '1', 'yes'];

/**
 * Options from the script tag's `data-*` attributes. Unknown or malformed values fall back to
 * defaults rather than breaking the host page.
 */
export function readOptions(data: Record<string, string | undefined>, scriptSrc: string | undefined, pageUrl: string): WidgetOptions {
  const text = (value: string | undefined, fallback: string) => (value && value.trim() ? value.trim() : fallback);
  const suggestions = data.suggestions?.split('|').map((s) => s.trim()).filter(Boolean);
  return {
    endpoint: endpointFrom(data.endpoint, scriptSrc, pageUrl),
    title: text(data.title, DEFAULTS.title),
    greeting: text(data.greeting, DEFAULTS.greeting),
    suggestions: suggestions ?? DEFAULTS.suggestions,
    accent: data.accent?.trim() || undefined,
    position: data.position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    theme: data.theme === 'dark' || data.theme === 'auto' ? data.theme : 'light',
    openOnLoad: data.open !== undefined && TRUE.includes(data.open.trim().toLowerCase()),
  };
}

/** `data-endpoint`, else the origin the script was loaded from, else the page's own. */
function endpointFrom(endpoint: string | undefined, scriptSrc: string | undefined, pageUrl: string): string {
  const base = endpoint?.trim() ? new URL(endpoint.trim(), pageUrl).href : scriptSrc ? new URL(scriptSrc, pageUrl).origin : new URL(pageUrl).origin;
  return withoutTrailing(base, /\//);
}
