import type { WidgetOptions } from './options';
import WIDGET_CSS from './widget.css';

/**
 * Styles the shadow root. Constructed stylesheets pass a host page's strict CSP (no
 * 'unsafe-inline' needed); a `<style>` element is the fallback for browsers without them.
 */
export function adoptStyles(shadow: ShadowRoot): void {
  if ('adoptedStyleSheets' in shadow && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = WIDGET_CSS;
    shadow.appendChild(style);
  }
}

/** Theme and accent live on the host element, where the stylesheet's `:host(...)` rules read them. */
export function applyAppearance(host: HTMLElement, shadow: ShadowRoot, options: Pick<WidgetOptions, 'theme' | 'accent'>): void {
  host.setAttribute('data-theme', options.theme);
  applyScheme(host, options.theme);
  if (!options.accent) return;
  if (!CSS_SUPPORTS_COLOR(options.accent)) {
    console.warn(`[IskpBriefing] data-accent "${options.accent}" is not a CSS colour; using the default.`);
    return;
  }
  // CSSOM property writes are allowed under CSP, unlike style attributes.
  host.style.setProperty('--accent', options.accent);
  host.style.setProperty('--accent-ink', inkFor(options.accent, shadow));
}

/**
 * The palette in use, as `data-scheme`, so the stylesheet holds the dark palette once. "auto"
 * follows the reader's system setting, live.
 */
function applyScheme(host: HTMLElement, theme: WidgetOptions['theme']): void {
  const system = theme === 'auto' && typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
  const set = () => host.setAttribute('data-scheme', theme === 'dark' || system?.matches ? 'dark' : 'light');
  set();
  system?.addEventListener('change', set);
}

const CSS_SUPPORTS_COLOR = (value: string) => typeof CSS !== 'undefined' && CSS.supports('color', value);

/** White or near-black, whichever reads better on the accent (WCAG contrast ratio). */
function inkFor(color: string, shadow: ShadowRoot): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  shadow.appendChild(probe);
  const rgb = /rgba?\((\d+(?:\.\d+)?)[, ]+(\d+(?:\.\d+)?)[, ]+(\d+(?:\.\d+)?)/.exec(getComputedStyle(probe).color);
  probe.remove();
  if (!rgb) return '#ffffff';
  const [r, g, b] = rgb.slice(1, 4).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#111318';
}
