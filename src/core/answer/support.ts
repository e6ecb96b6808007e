import type { TermModel } from './terms';

/**
 * Words that shape a question without naming what it is about ("what does the paper say
 * about X"): they must not count as evidence either way.
 */
const SCAFFOLD =
  'paper article abstract author authors tassev ivaylo valentinov say says said saying mention mentions mentioned ' +
  'discuss discusses discussed describe describes described according report reports study source sources reference ' +
  'references tell tells explain explains think argue argues write writes wrote written text document publication ' +
  'cite cites cited know known main kind sort way thing things give gives happen happened please could would tell me ' +
  'question questions answer anything something much many make made makes despite ' +
  // Light verbs: in "what does X rely on / use" the object carries the meaning, not the verb.
  'rely relies use uses used employ employs ' +
  // "The group" in a question stands for whatever it is about; it is not evidence of anything.
  'group organization organisation movement';

export interface Support {
  /** Share of the question's weighted terms that the passage contains, 0..1. */
  coverage: number;
  /** Question terms the passage lacks, in the question's order. */
  missing: string[];
}

export function createSupportScorer(model: TermModel) {
  const scaffold = new Set(model.terms(SCAFFOLD));
  const focusTerms = (question: string) => [...new Set(model.terms(question))].filter((t) => !scaffold.has(t));

  return {
    focusTerms,
    /** Summed idf of terms: how much of a question they stand for. */
    weight: (terms: string[]) => terms.reduce((sum, t) => sum + model.idf(t), 0),
    /** How much of what the question asks about a passage holds, weighting rare terms higher. */
    support(question: string | string[], passage: string): Support {
      const q = typeof question === 'string' ? focusTerms(question) : question;
      if (!q.length) return { coverage: 0, missing: [] };
      const p = model.termSet(passage);
      let total = 0;
      let covered = 0;
      const missing: string[] = [];
      for (const t of q) {
        const w = model.idf(t);
        total += w;
        if (p.has(t)) covered += w;
        else missing.push(t);
      }
      return { coverage: covered / total, missing };
    },
  };
}

export type SupportScorer = ReturnType<typeof createSupportScorer>;
