import { describe, expect, it } from 'vitest';
import { askRequestSchema } from '../../../../src/server/channels/api/schemas';

const messageOf = (body: unknown) => {
  const parsed = askRequestSchema.safeParse(body);
  return parsed.success ? undefined : parsed.error.issues.map((i) => i.message);
};

describe('askRequestSchema', () => {
  it('words its limits as the /api/ask contract states them', () => {
    expect(messageOf({ question: 'x'.repeat(2001) })).toEqual(['question must be at most 2000 characters']);
    expect(messageOf({ question: 'ok?', history: [{ role: 'user', content: 'x'.repeat(4001) }] })).toEqual(['content must be at most 4000 characters']);
    expect(messageOf({ question: 'ok?', history: Array.from({ length: 21 }, () => ({ role: 'user', content: 'x' })) })).toEqual(['history must have at most 20 items']);
  });

  it('accepts every field at its limit', () => {
    const body = { question: 'x'.repeat(2000), history: Array.from({ length: 20 }, () => ({ role: 'user', content: 'x'.repeat(4000) })) };
    expect(messageOf(body)).toBeUndefined();
  });
});
