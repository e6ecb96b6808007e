import type { Citation } from '../answer/types';
import type { Briefing } from './types';

/**
 * A briefing as plain text with `[n]` markers, for clients that read only `answer`: the bottom
 * line, then each section's heading and its points as lines, then what to read next.
 */
export function briefingText(b: Briefing, titles: (sourceId: string) => string | undefined = () => undefined): string {
  const lines = [`Bottom line: ${b.bottomLine.text}`];
  for (const s of b.sections) lines.push('', s.heading, ...s.points.map((p) => `- ${p.text}`));
  if (b.readNext.length) lines.push('', 'Read next', ...b.readNext.map((r) => `- ${titles(r.sourceId) ?? r.sourceId}: ${r.why}`));
  return lines.join('\n');
}

/**
 * A briefing as Markdown: the title, the date, the bottom line, a heading and bullets per section,
 * what to read next, and the numbered sources with their quotes, so `[n]` reads as a footnote.
 */
export function briefingMarkdown(b: Briefing, titles: (sourceId: string) => string | undefined = () => undefined): string {
  const out = [`# ${b.title}`, '', `_Generated ${b.generatedAt.slice(0, 10)}, ${b.mode === 'llm' ? 'written by a language model and checked against the sources' : 'quoted from the sources'}._`, ''];
  out.push(`**Bottom line:** ${b.bottomLine.text}`, '');
  for (const s of b.sections) out.push(`## ${s.heading}`, '', ...s.points.map((p) => `- ${p.text}`), '');
  if (b.readNext.length) out.push('## Read next', '', ...b.readNext.map((r) => `- ${titles(r.sourceId) ?? r.sourceId}: ${r.why}`), '');
  if (b.followUps?.length) out.push('## Try instead', '', ...b.followUps.map((q) => `- ${q}`), '');
  if (b.citations.length) out.push('## Sources', '', ...b.citations.map(sourceLine), '');
  if (b.notice) out.push(`> ${b.notice}`, '');
  return out.join('\n');
}

/** "1. Tassev, I. V. (2024). Title. Outlet. — “quote”" */
function sourceLine(c: Citation): string {
  const who = c.authors.length ? c.authors.join(', ') : c.publisher ?? c.container ?? '';
  const where = [c.container, c.publisher].filter((x) => x && x !== who).join(', ');
  const record = [who && `${who} (${c.year ?? 'n.d.'}).`, `${c.title.replace(/\.$/, '')}.`, where && `${where}.`].filter(Boolean).join(' ');
  return `${c.n}. ${record} — “${c.quote}”`;
}
