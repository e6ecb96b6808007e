/** The HTTP section: `/api/ask`, `/api/chat` and a follow-up against `/healthz` on one real server. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureAlternating, type LoadOptions, type LoadResult, type Target } from './http-load';
import { FOLLOW_UPS, QUESTIONS } from './questions';
import { postJson, spawnServer, waitFor, waitReady } from './server';

export interface ApiResult extends LoadResult {
  /** Throughput relative to `/healthz` in the same rounds. */
  ratio: number;
  /** The lowest and highest of the same ratio taken round by round: how far one run's figure can be trusted. */
  roundRatios: [min: number, max: number];
}

/** Each row's throughput against the first row's (`/healthz`), over all rounds and round by round. */
export function relativeToFirst(results: LoadResult[]): ApiResult[] {
  const base = results[0]!;
  return results.map((r) => {
    const perRound = r.roundRps.map((rps, i) => rps / base.roundRps[i]!);
    return { ...r, ratio: r.rps / base.rps, roundRatios: [Math.min(...perRound), Math.max(...perRound)] };
  });
}

export const HEALTHZ: Target = { name: 'GET /healthz', method: 'GET', path: '/healthz' };
// Declined before any retrieval: what a question costs in HTTP alone, the ceiling for the rows above.
const DECLINED: Target = { name: 'POST /api/ask, declined', method: 'POST', path: '/api/ask', bodies: [{ question: 'Write a poem about the Taliban.' }] };

export const ASK: Target = { name: 'POST /api/ask', method: 'POST', path: '/api/ask', bodies: QUESTIONS.map((question) => ({ question })) };
// The same questions with compression asked for, as browsers ask (br), and gzip alone: each against the row above.
export const ASK_BR: Target = { ...ASK, name: 'POST /api/ask, Accept-Encoding: br, gzip', headers: { 'accept-encoding': 'br, gzip' } };
export const ASK_GZIP: Target = { ...ASK, name: 'POST /api/ask, Accept-Encoding: gzip', headers: { 'accept-encoding': 'gzip' } };
// The same questions through the OpenAI-compatible API, measured beside /api/ask in the same rounds.
export const CHAT_COMPLETIONS: Target = {
  name: 'POST /v1/chat/completions',
  method: 'POST',
  path: '/v1/chat/completions',
  bodies: QUESTIONS.map((question) => ({ model: 'iskp-briefing', messages: [{ role: 'user', content: question }] })),
};
// The same questions as the server has never seen them, as most of real traffic is: each request's
// question ends in its own run of punctuation, which changes no answer but is new text to every
// memo keyed by text. The row above repeats ten texts, which those memos soon all hold.
const UNSEEN: Target = { name: 'POST /api/ask, unseen questions', method: 'POST', path: '/api/ask', nextBody: unseenQuestions() };

/** The rows of the second server, which answers on the event loop: the plain and unseen questions, against its own `/healthz`. */
export const EVENT_LOOP_TARGETS: Target[] = [HEALTHZ, ASK, UNSEEN, DECLINED].map((t) => ({ ...t, name: `event loop: ${t.name}` }));

export const API_TARGETS: Target[] = [
  HEALTHZ,
  ASK,
  ASK_BR,
  ASK_GZIP,
  CHAT_COMPLETIONS,
  UNSEEN,
  { name: 'POST /api/chat (SSE)', method: 'POST', path: '/api/chat', bodies: QUESTIONS.map((question) => ({ question })) },
  { name: 'POST /api/ask, follow-up', method: 'POST', path: '/api/ask', bodies: FOLLOW_UPS },
  DECLINED,
];

/**
 * `targets` against the app's server answering on `answerThreads` threads (0: on the event loop);
 * every route's throughput relative to the first, `/healthz`.
 */
export async function benchApi(opts: Omit<LoadOptions, 'url'>, { answerThreads, targets = API_TARGETS }: { answerThreads: number; targets?: Target[] }): Promise<ApiResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iskp-bench-api-'));
  const server = await spawnServer({ DATA_DIR: dataDir, ANSWER_THREADS: String(answerThreads) });
  try {
    await waitReady(server);
    await checkAnswers(server.url);
    return relativeToFirst(await measureAlternating(targets, { ...opts, url: server.url, pid: server.process.pid }));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The same two request shapes, `/healthz` and the declined question, against a bare Hono app
 * (scripts/bench/bare-server.ts) in the same run: the floor the framework and Node's HTTP set.
 */
export async function benchFloor(opts: Omit<LoadOptions, 'url'>): Promise<LoadResult[]> {
  const server = await spawnServer({}, 'scripts/bench/bare-server.ts');
  try {
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).ok, { everyMs: 50 });
    const targets = [HEALTHZ, DECLINED].map((t) => ({ ...t, name: `bare Hono: ${t.method} ${t.path}` }));
    return await measureAlternating(targets, { ...opts, url: server.url, pid: server.process.pid });
  } finally {
    await server.stop();
  }
}

export interface YardstickResult extends ApiResult {
  /** Microseconds the route computes beyond `/healthz`; 0 for `/healthz` itself. */
  busyUs: number;
  /** What the route would read if its cost were exactly `/healthz` + `busyUs`: healthz / (healthz + busyUs), in server CPU. */
  expected: number;
}

/**
 * What the ratio is worth on this machine: `/healthz` against routes that do exactly N µs of
 * pure computation more (scripts/bench/yardstick-server.ts), N being half, once and twice what
 * `/healthz` itself costs on that server, measured first: routes that cost 1.5, 2 and 3 times
 * `/healthz`, which would read 0.667x, 0.5x and 0.333x if a request's cost were its work.
 */
export async function benchYardstick(opts: Omit<LoadOptions, 'url'>): Promise<YardstickResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iskp-bench-yardstick-'));
  const server = await spawnServer({ DATA_DIR: dataDir }, 'scripts/bench/yardstick-server.ts');
  try {
    await waitReady(server);
    const load = { ...opts, url: server.url, pid: server.process.pid };
    const [health] = await measureAlternating([HEALTHZ], { ...load, rounds: 1 });
    const busy = [0.5, 1, 2].map((x) => Math.round(x * health!.cpuMsPerRequest * 1000));
    const targets: Target[] = [HEALTHZ, ...busy.map((us): Target => ({ name: `GET /busy/${us}`, method: 'GET', path: `/busy/${us}` }))];
    const results = relativeToFirst(await measureAlternating(targets, load));
    const healthMs = results[0]!.cpuMsPerRequest;
    return results.map((r, i) => {
      const busyUs = i === 0 ? 0 : busy[i - 1]!;
      return { ...r, busyUs, expected: healthMs / (healthMs + busyUs / 1000) };
    });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A fast wrong answer is no result: every request the load test sends must get a real answer first. */
async function checkAnswers(url: string): Promise<void> {
  const answerTo = async (target: Target, body: unknown): Promise<string> => {
    const res = await postJson(`${url}${target.path}`, body, target.headers);
    const text = await res.text();
    // A chat completion carries the answer as its message's content.
    if (res.status !== 200 || !text.includes(target.path.startsWith('/v1/') ? '"content"' : '"answer"')) throw new Error(`${target.name} ${JSON.stringify(body)}: ${res.status} ${text.slice(0, 200)}`);
    return text;
  };
  const answerOf = async (body: unknown) => (JSON.parse(await answerTo(ASK, body)) as { answer: string }).answer;
  for (const target of API_TARGETS) for (const body of target.bodies ?? []) await answerTo(target, body);
  // The completions must carry the answers /api/ask gives, not merely be fast.
  for (const [i, body] of CHAT_COMPLETIONS.bodies!.entries()) {
    const completion = JSON.parse(await answerTo(CHAT_COMPLETIONS, body)) as { choices: { message: { content: string } }[] };
    const ask = JSON.parse(await answerTo(ASK, ASK.bodies![i])) as { answer: string; briefing?: { markdown?: string } };
    if (completion.choices[0]!.message.content !== (ask.briefing?.markdown ?? ask.answer)) throw new Error(`${CHAT_COMPLETIONS.name} ${JSON.stringify(body)} does not answer as ${ASK.name} does`);
  }
  // Unseen questions must be the same questions: answered word for word as the plain ones are.
  for (let i = 0; i < QUESTIONS.length; i++) {
    const body = UNSEEN.nextBody!() as { question: string };
    const question = QUESTIONS.find((q) => body.question.startsWith(`${q} `))!;
    if ((await answerOf(body)) !== (await answerOf({ question }))) throw new Error(`${JSON.stringify(body)} is not answered as ${JSON.stringify(question)} is`);
  }
}

/** The bench's questions in turn, each made a text never sent before (see UNSEEN): the count in base 4, spelt in punctuation. */
function unseenQuestions(): () => { question: string } {
  let n = 0;
  return () => {
    const suffix = n.toString(4).replace(/\d/g, (digit) => '?!.,'[Number(digit)]!);
    return { question: `${QUESTIONS[n++ % QUESTIONS.length]} ${suffix}` };
  };
}
