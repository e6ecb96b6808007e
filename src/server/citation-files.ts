import type { CitationFormat } from '../core/corpus/format-citation';

/** The citation formats a source can be exported in, in the order pages offer them. */
export const CITATION_FORMATS: readonly CitationFormat[] = ['apa', 'bibtex', 'ris', 'csl'];

/** How each format is served and saved: its media type and the file extension reference managers expect. */
export const CITATION_FILES: Readonly<Record<CitationFormat, { mediaType: string; extension: string }>> = {
  apa: { mediaType: 'text/plain; charset=utf-8', extension: 'txt' },
  bibtex: { mediaType: 'application/x-bibtex; charset=utf-8', extension: 'bib' },
  ris: { mediaType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' },
  csl: { mediaType: 'application/vnd.citationstyles.csl+json; charset=utf-8', extension: 'json' },
};

/** True when `format` names one of the citation formats. */
export function isCitationFormat(format: string | undefined): format is CitationFormat {
  return CITATION_FORMATS.includes(format as CitationFormat);
}

/** A file name for a source's citation: its id (anything but letters, digits, `.`, `_` and `-` replaced) and the format's extension. */
export function citationFileName(sourceId: string, format: CitationFormat): string {
  return `${sourceId.replace(/[^\w.-]/g, '-')}.${CITATION_FILES[format].extension}`;
}
