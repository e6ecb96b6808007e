import { createRequire } from 'node:module';

/** A CSL-JSON name as citation-js gives it back. */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

/** The fields of a CSL-JSON item the tests read; citation-js may add others. */
export interface CslData {
  type?: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: { 'date-parts'?: (number | string)[][]; raw?: string };
  accessed?: { 'date-parts'?: (number | string)[][]; raw?: string };
  'container-title'?: string;
  volume?: string | number;
  issue?: string | number;
  page?: string;
  publisher?: string;
  URL?: string;
  DOI?: string;
}

interface Cite {
  data: CslData[];
  format(style: 'bibliography', options: { template: string; format: 'text' }): string;
}

// citation-js 0.7 ships CommonJS without types; its plugins register themselves on the core they require.
const require = createRequire(import.meta.url);
const { Cite } = require('@citation-js/core') as { Cite: new (input: unknown) => Cite };
for (const plugin of ['@citation-js/plugin-bibtex', '@citation-js/plugin-ris', '@citation-js/plugin-csl']) require(plugin);

/** citation-js's reading of a BibTeX, RIS or CSL-JSON text: its records as CSL-JSON items. */
export function readWithCitationJs(text: string): CslData[] {
  return new Cite(text).data;
}

/** citation-js's APA reference for a CSL-JSON item: its `apa` template as plain text. */
export function apaByCitationJs(item: object): string {
  return new Cite(item).format('bibliography', { template: 'apa', format: 'text' });
}
