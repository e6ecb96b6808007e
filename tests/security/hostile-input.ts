/**
 * Arbitraries for hostile HTTP input, shared by the in-process and the real-port fuzz tests:
 * random and malformed JSON, wrong types, huge strings, control characters, lone surrogates,
 * bidi overrides, deep nesting, worst cases for regular expressions, and the routes and content
 * types they are sent to.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { adversarialTexts } from '../../scripts/soak/adversarial';
import { REQUEST_LIMITS } from '../../src/core/answer/limits';

const { questionChars, turnChars } = REQUEST_LIMITS;

/** One UTF-16 unit or character a careless parser chokes on, or an ordinary one. */
const nasty = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('\uD800', '\uDFFF', '\u0000', '\u0007', '\u001b', '\u007f', '\u202e', '\u2028', '\uFEFF', '"', '\\', '<', '>', '&', '%', '😀', '\r\n') },
);

/** Worst cases for regular expressions (scripts/soak/adversarial.ts) at a random length up to the turn limit. */
export const adversarialString = fc.integer({ min: 50, max: turnChars }).chain((length) => fc.constantFrom(...adversarialTexts(length).map((a) => a.text)));

export const hostileString = fc.oneof(
  { weight: 1, arbitrary: adversarialString },
  { weight: 5, arbitrary: fc.string({ unit: nasty, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\t', 'null', '__proto__', 'constructor', '{}', '[]', '%00', '../../etc/passwd', '<script>alert(1)</script>') },
  // Around and over the field limits (a question's and a turn's characters) and the 256 KB body cap.
  { weight: 1, arbitrary: fc.constantFrom(questionChars - 1, questionChars, questionChars + 1, turnChars, turnChars + 1, 100_000, 300_000).map((n) => 'ISKP '.repeat(Math.ceil(n / 5)).slice(0, n)) },
);

/** Any JSON value, a little deep, with hostile strings in it. */
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const turn = fc.record({ role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'tool', ''), json), content: fc.oneof(hostileString, json) }, { requiredKeys: [] });

/** Bodies shaped like a question, every field possibly the wrong type or size. */
export const askLike = fc.record(
  {
    question: fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: json }),
    history: fc.oneof(fc.array(turn, { maxLength: 25 }), json),
    extra: json,
  },
  { requiredKeys: [] },
);

/** Bodies that fit the contract's types, so hostile text reaches the answerer itself. */
export const wellTypedAsk = fc.record(
  {
    question: fc.tuple(fc.constantFrom('What is ISKP', 'Who wrote', 'Is ISKP a danger in', ''), hostileString).map(([a, b]) => `${a} ${b}`.slice(0, 2000)),
    history: fc.array(fc.record({ role: fc.constantFrom('user' as const, 'assistant' as const), content: hostileString.map((t) => t.slice(0, 4000)) }), { maxLength: 20 }),
  },
  { requiredKeys: ['question'] },
);

const deepNesting = fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.constantFrom(`${'['.repeat(n)}${']'.repeat(n)}`, `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`, `{"question":${'['.repeat(n)}`));

/** What goes on the wire: JSON of hostile values, broken JSON, deep nesting, or bytes that are not JSON at all. */
export const rawBody = fc.oneof(
  { weight: 4, arbitrary: wellTypedAsk.map((v) => JSON.stringify(v)) },
  { weight: 4, arbitrary: askLike.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: json.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: askLike.chain((v) => fc.nat().map((cut) => JSON.stringify(v).slice(0, cut % (JSON.stringify(v).length + 1)))) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: hostileString },
);

export const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'application/vnd.api+json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', '') },
);

/** Percent-encoded, with raw escapes no decoder accepts (`%ff`, a lone surrogate as bytes, a bare `%`). */
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('hamming-2023', 'tassev-2024', 'tassev-2024-abstract', 'nobody-1999') },
  { weight: 4, arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 300).map(encode) },
  { weight: 1, arbitrary: fc.constantFrom('%ff', '%', '%zz', '%00', '%ED%A0%80', '%E0%A4%A', '..%2f..%2fetc%2fpasswd', '%2e%2e') },
);

function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.split('').map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

export interface FuzzRequest {
  method: string;
  path: string;
  contentType: string;
  body?: string;
}

/** A request to one of the JSON routes. */
export const apiRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ method: fc.constant('POST'), path: fc.constantFrom('/api/ask', '/api/chat'), contentType, body: rawBody }) },
  { weight: 1, arbitrary: fc.record({ method: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH'), path: fc.constantFrom('/api/ask', '/api/chat'), contentType, body: rawBody }) },
  {
    weight: 2,
    arbitrary: fc.record({
      method: fc.constantFrom('GET', 'POST'),
      path: fc.tuple(segment, fc.option(segment)).map(([id, format]) => `/api/sources/${id}${format === null ? '' : `?format=${format}`}`),
      contentType,
    }),
  },
);

export const SLACK_SECRET = 'fuzz-signing-secret';

/** A Slack request whose body is hostile but whose signature is valid, so it gets past the check to the parsers. */
export const signedSlackRequest = fc
  .record({
    path: fc.constantFrom('/slack/events', '/slack/commands', '/slack/interactions'),
    body: fc.oneof(
      rawBody,
      fc.record({ type: fc.constantFrom('event_callback', 'url_verification', 'app_rate_limited'), challenge: hostileString, event: fc.record({ type: fc.constantFrom('app_mention', 'message'), channel: hostileString, ts: hostileString, user: hostileString, text: hostileString, channel_type: fc.constantFrom('im', 'channel') }, { requiredKeys: [] }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.record({ command: fc.constantFrom('/iskp', '/other'), text: hostileString, response_url: fc.constantFrom('https://hooks.slack.test/r/1', 'not a url', ''), user_id: hostileString }, { requiredKeys: [] }).map((f) => new URLSearchParams(f).toString()),
      askLike.map((v) => new URLSearchParams({ payload: JSON.stringify(v) }).toString()),
    ),
    contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded'),
  })
  .map(({ path, body, contentType }) => ({ method: 'POST', path, body, contentType, headers: slackSignature(body) }));

export function slackSignature(body: string, secret = SLACK_SECRET, at = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${at}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(at), 'x-slack-signature': signature };
}
