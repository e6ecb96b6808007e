import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AskRequest, AskResponse, BriefRequest, BriefSection, BriefText, Briefing, Citation, ReadNext } from '../../../../src/core/answer/types';
import type { Source } from '../../../../src/core/corpus/types';
import type { ErrorBody } from '../../../../src/server/errors';
import type { FeedbackReview } from '../../../../src/server/feedback/review';
import {
  askResponseSchema,
  briefingSchema,
  briefSectionSchema,
  briefTextSchema,
  citationSchema,
  errorBodySchema,
  feedbackReviewSchema,
  readNextSchema,
  sourceSchema,
} from '../../../../src/server/channels/api/response-schemas';
import { askRequestSchema, briefRequestSchema } from '../../../../src/server/channels/api/schemas';

/**
 * The zod schemas behind /openapi.json against the TypeScript interfaces the code is written
 * with. These are type assertions: `npm run typecheck` (CI runs it before the tests) fails when a
 * field is added, dropped, renamed or retyped on one side only. Vitest only runs the one line below.
 */
describe('the response schemas', () => {
  it('have the output types of the interfaces they describe (checked by tsc)', () => {
    expectTypeOf<z.output<typeof citationSchema>>().toEqualTypeOf<Citation>();
    expectTypeOf<z.output<typeof askResponseSchema>>().toEqualTypeOf<AskResponse>();
    expectTypeOf<z.output<typeof briefingSchema>>().toEqualTypeOf<Briefing>();
    expectTypeOf<z.output<typeof briefSectionSchema>>().toEqualTypeOf<BriefSection>();
    expectTypeOf<z.output<typeof briefTextSchema>>().toEqualTypeOf<BriefText>();
    expectTypeOf<z.output<typeof readNextSchema>>().toEqualTypeOf<ReadNext>();
    expectTypeOf<z.output<typeof sourceSchema>>().toEqualTypeOf<Source>();
    expectTypeOf<z.output<typeof feedbackReviewSchema>>().toEqualTypeOf<FeedbackReview>();
    // The document promises a requestId, which the middleware always sets; the type leaves it optional.
    expectTypeOf<z.output<typeof errorBodySchema>>().toExtend<ErrorBody>();
    // What a client may send is what the answerer takes.
    expectTypeOf<z.input<typeof askRequestSchema>>().toEqualTypeOf<AskRequest>();
    expectTypeOf<z.input<typeof briefRequestSchema>>().toEqualTypeOf<BriefRequest>();
    expect(true).toBe(true);
  });
});
