import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backing, MIN_CLAIM_SUPPORT } from '../../../../src/core/answer/llm/verify';
import { passageOf, testEngine } from './engine';

interface Labelled {
  supported: boolean;
  source: string;
  at?: string;
  claim: string;
}
const { claims } = JSON.parse(readFileSync(new URL('./fixtures/claims.json', import.meta.url), 'utf8')) as { claims: Labelled[] };

/**
 * Where MIN_CLAIM_SUPPORT comes from: the support of labelled model-style claims by the passage
 * they cite. It must reject every unsupported claim and keep nearly every supported one.
 */
describe(`MIN_CLAIM_SUPPORT (${MIN_CLAIM_SUPPORT}) on ${claims.length} labelled claims`, () => {
  let scored: (Labelled & { coverage: number })[];
  beforeAll(async () => {
    const { context } = await testEngine();
    scored = await Promise.all(claims.map(async (c) => ({ ...c, coverage: backing(c.claim, await passageOf(c.source, c.at), context.support).coverage })));
  });

  it('has a balanced set: at least 25 of each label', () => {
    expect(claims.filter((c) => c.supported).length).toBeGreaterThanOrEqual(25);
    expect(claims.filter((c) => !c.supported).length).toBeGreaterThanOrEqual(25);
  });

  it('lets no unsupported claim through', () => {
    const accepted = scored.filter((c) => !c.supported && c.coverage >= MIN_CLAIM_SUPPORT);
    expect(accepted.map((c) => `${c.coverage.toFixed(2)} ${c.claim}`)).toEqual([]);
  });

  it('keeps at least 95% of supported claims', () => {
    const positives = scored.filter((c) => c.supported);
    const rejected = positives.filter((c) => c.coverage < MIN_CLAIM_SUPPORT);
    expect(rejected.length / positives.length, rejected.map((c) => `${c.coverage.toFixed(2)} ${c.claim}`).join('\n')).toBeLessThanOrEqual(0.05);
  });
});
