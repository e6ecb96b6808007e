import { describe, expect, it } from 'vitest';
import { feedbackCsv } from '../../../src/server/feedback/csv';
import type { FeedbackRecord } from '../../../src/server/feedback/record';

const HEADER = 'time,channel,vote,mode,answerable,user,question,answer,sources,conversation,message';

const vote = (over: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  time: '2026-12-07T09:00:00.000Z',
  channel: 'slack',
  vote: 'not_helpful',
  user: 'U123',
  question: 'Who leads ISKP?',
  answer: 'An answer [1].',
  sources: ['hamming-2023', 'tassev-2024'],
  answerable: true,
  mode: 'llm',
  context: { conversation: 'C42', message: '1733562000.000100' },
  ...over,
});

/** A small RFC 4180 reader: records of fields, quoted fields may hold quotes (doubled), commas and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  if (field || row.length) throw new Error('the last record does not end with CRLF');
  return rows;
}

describe('feedbackCsv()', () => {
  it('writes a header row, then one CRLF-terminated row per vote with its context', () => {
    expect(feedbackCsv([vote(), vote({ vote: 'helpful', mode: undefined, answerable: false, sources: [], context: undefined })])).toBe(
      [
        HEADER,
        '2026-12-07T09:00:00.000Z,slack,not_helpful,llm,true,U123,Who leads ISKP?,An answer [1].,hamming-2023 tassev-2024,C42,1733562000.000100',
        '2026-12-07T09:00:00.000Z,slack,helpful,,false,U123,Who leads ISKP?,An answer [1].,,,',
        '',
      ].join('\r\n'),
    );
  });

  it('with no votes, is the header alone', () => {
    expect(feedbackCsv([])).toBe(`${HEADER}\r\n`);
  });

  it('quotes a field holding quotes, commas or line breaks, and reads back as written', () => {
    const question = 'He said "no", then:\nwhy?\r\nReally';
    const text = feedbackCsv([vote({ question, answer: 'one, two' })]);
    expect(text).toContain('"He said ""no"", then:\nwhy?\r\nReally","one, two"');
    const [header, row] = parseCsv(text);
    expect(header!.join(',')).toBe(HEADER);
    expect(row![6]).toBe(question);
    expect(row![7]).toBe('one, two');
  });

  it.each([
    ['=HYPERLINK("https://evil.example","click")', `'=HYPERLINK("https://evil.example","click")`],
    ['+1+2', `'+1+2`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
  ])('turns a cell a spreadsheet would run as a formula into text: %j', (typed, cell) => {
    const [, row] = parseCsv(feedbackCsv([vote({ question: typed, answer: typed })]));
    expect(row![6]).toBe(cell);
    expect(row![7]).toBe(cell);
  });

  it('leaves a formula character that does not start the cell alone', () => {
    const [, row] = parseCsv(feedbackCsv([vote({ question: 'Is 1+1=2?' })]));
    expect(row![6]).toBe('Is 1+1=2?');
  });
});
