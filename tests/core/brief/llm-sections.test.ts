import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerContext, type AnswerContext } from '../../../src/core/answer/context';
import type { ChatClient, ChatRequest } from '../../../src/core/answer/llm/chat';
import type { BriefOptions } from '../../../src/core/brief/briefer';
import { createSectionWriter } from '../../../src/core/brief/llm-sections';
import type { Briefing, BriefRequest } from '../../../src/core/brief/types';
import { silentLogger } from '../../../src/core/log';
import type { SearchIndex } from '../../../src/core/search/search-index';
import { loadTestEngine } from '../../helpers/engine';

/** The number the prompt gives the passage holding `words`. */
const numberOf = (prompt: string, words: string) => {
  const n = [...prompt.matchAll(/<passage n="(\d+)"[^>]*>\n([^<]*)/g)].find((m) => m[2]!.includes(words))?.[1];
  if (!n) throw new Error(`no passage with "${words}"`);
  return n;
};

/**
 * A stand-in model that writes sections in its own words: a faithful paraphrase for the threat
 * section with one claim no passage makes, an error for the background, the passages' words for the rest.
 */
const standIn: ChatClient = {
  async complete({ messages }: ChatRequest) {
    const prompt = messages.at(-1)!.content;
    const section = /<section>([^<]*)<\/section>/.exec(prompt)![1];
    if (section === 'Background') throw new Error('model overloaded');
    if (section === 'Threat and methods') {
      const n = numberOf(prompt, 'media warfare');
      return `- Regionally and internationally, ISKP pursues a strategy combining media warfare with kinetic action [${n}].\n- ISKP commands 40,000 fighters in Tajikistan [${n}].`;
    }
    return [...prompt.matchAll(/<passage n="(\d+)"[^>]*>\n([^<]*)/g)].map((m) => `- ${m[2]!.trim().replace(/\.$/, '')} [${m[1]}].`).join('\n');
  },
  stream: () => Promise.reject(new Error('not used')),
};

describe('briefing sections written by a model', () => {
  let brief: (request: BriefRequest, options?: BriefOptions) => Promise<Briefing>;
  let index: SearchIndex;
  let context: AnswerContext;
  beforeAll(async () => {
    const engine = await loadTestEngine();
    index = engine.index;
    context = createAnswerContext(index);
    brief = (engine.answerer as unknown as { brief: typeof brief }).brief;
  });
  const writeSection = () => createSectionWriter({ chat: standIn, context, logger: silentLogger, timeoutMs: 5_000 });

  it('keeps a supported paraphrase, drops the claim no passage makes, and quotes a section the model failed, saying so', async () => {
    const b = await brief({}, { writeSection: writeSection() });
    expect(b.mode).toBe('llm');
    const threat = b.sections.find((s) => s.id === 'threat')!;
    expect(threat.points.map((p) => p.text).join(' ')).toMatch(/^Regionally and internationally, ISKP pursues a strategy combining media warfare with kinetic action \[\d+\]\./);
    expect(JSON.stringify(b)).not.toContain('40,000');
    const background = b.sections.find((s) => s.id === 'background')!;
    expect(background.points[0]!.text).toMatch(/^For a long time ISIS functioned as a state/);
    expect(b.notice).toMatch(/could not write “Background”/);
  });

  it('keeps the briefing grounded: every marker cited, every citation used, quotes verbatim', async () => {
    const b = await brief({ topic: 'Central Asia' }, { writeSection: writeSection() });
    const texts = [b.bottomLine, ...b.sections.flatMap((s) => s.points)];
    const used = new Set(texts.flatMap((t) => [...t.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]))));
    expect([...used].sort((x, y) => x - y)).toEqual(b.citations.map((c) => c.n));
    for (const c of b.citations) expect(index.sourceById.get(c.sourceId)!.text).toContain(c.quote);
  });
});
