import { createApi } from './api';
import { adoptStyles, applyAppearance } from './appearance';
import { readOptions } from './options';
import { createStore } from './store';
import { createWidget, type WidgetControls } from './widget';

/**
 * Entry point of widget.js. Bundled as an IIFE: the only global it creates is
 * `window.IskpBriefing`, which exists at once so a site can call it before the page has loaded.
 */

interface IskpBriefingApi {
  open(): void;
  close(): void;
  ask(question: string): boolean;
}

declare global {
  interface Window {
    IskpBriefing?: IskpBriefingApi;
  }
}

const TAG = 'iskp-briefing';

function main(): void {
  // Included twice (a CMS block plus a template, say): the first copy wins.
  if (window.IskpBriefing) return;
  const script = currentScript();
  const options = readOptions({ ...script?.dataset }, script?.src, location.href);

  let widget: WidgetControls | undefined;
  const queued: ((w: WidgetControls) => void)[] = [];
  const whenReady = (call: (w: WidgetControls) => void) => (widget ? call(widget) : queued.push(call));
  window.IskpBriefing = {
    open: () => whenReady((w) => w.open()),
    close: () => whenReady((w) => w.close()),
    ask: (question) => {
      if (widget) return widget.ask(String(question));
      queued.push((w) => w.ask(String(question)));
      return true;
    },
  };

  const mount = () => {
    const host = document.createElement(TAG);
    const shadow = host.attachShadow({ mode: 'open' });
    adoptStyles(shadow);
    applyAppearance(host, shadow, options);
    document.body.appendChild(host);
    widget = createWidget({
      shadow,
      options,
      api: createApi(options.endpoint),
      store: createStore(() => window.sessionStorage, `iskp-briefing:${options.endpoint}`),
      copy: (text) => navigator.clipboard.writeText(text),
    });
    queued.splice(0).forEach((call) => call(widget!));
    window.dispatchEvent(new Event('iskp-briefing:ready'));
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

/** The `<script>` that loaded us, for its data-* options; `currentScript` is null in rare loaders. */
function currentScript(): HTMLScriptElement | undefined {
  if (document.currentScript instanceof HTMLScriptElement) return document.currentScript;
  const candidates = document.querySelectorAll<HTMLScriptElement>('script[src*="widget.js"]');
  return candidates[candidates.length - 1];
}

main();
