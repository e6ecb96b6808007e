/** `npm run feedback [-- --json | --csv]`: what users thought of the answers, from DATA_DIR/feedback.jsonl and Redis (REDIS_URL). */
import { parseConfig } from '../src/config';
import { loadCorpus } from '../src/core/corpus/load-corpus';
import { createLogger } from '../src/core/log';
import { readCorpusFiles } from '../src/runtime/node/read-corpus';
import { createNodeState, feedbackFilePath } from '../src/runtime/node/shared-state';
import { feedbackCsv } from '../src/server/feedback/csv';
import { reviewFeedback } from '../src/server/feedback/review';
import { feedbackText } from '../src/server/feedback/text';
import { runCli } from './lib/cli';

const USAGE = `Usage: npm run feedback [-- --json | --csv]

Reviews the votes on the bot's answers (Slack's Helpful / Not helpful buttons): totals, votes per
day, the helpful rate by mode and by outcome, and the questions with the most "not helpful" votes.
Reads DATA_DIR/feedback.jsonl, and with REDIS_URL the votes in Redis too.

  (no option)  the report as text
  --json       the review as JSON (what GET /api/feedback returns)
  --csv        every vote as CSV, for a spreadsheet
  --help       this text`;
/** How long Redis may take to answer before the report goes ahead with this machine's votes alone. */
const REDIS_WAIT_MS = 2000;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.find((a) => a !== '--json' && a !== '--csv');
if (unknown !== undefined || args.length > 1) {
  console.error(`${unknown === undefined ? 'Choose one of --json and --csv.' : `Unknown argument ${unknown}.`}\n\n${USAGE}`);
  process.exit(2);
}

await runCli(async () => {
  const config = parseConfig(process.env);
  const logger = createLogger({ level: 'warn', write: (line) => console.error(line) });
  const { state, ready, close } = createNodeState({ config, logger });
  try {
    const problem = await within(ready, REDIS_WAIT_MS);
    if (problem) console.error(`Redis (REDIS_URL) ${problem}: reporting the votes in ${feedbackFilePath(config)} only.`);
    const records = await state.feedback.read();
    if (args[0] === '--csv') {
      process.stdout.write(feedbackCsv(records));
      return;
    }
    const review = reviewFeedback(records, { titleOf: await corpusTitles(config.CORPUS_DIR) });
    if (args[0] === '--json') console.log(JSON.stringify(review, null, 2));
    else process.stdout.write(feedbackText(review));
  } finally {
    await close();
  }
});

/** Undefined once `ready` settles within `ms`; else what went wrong, for a person. */
async function within(ready: Promise<void>, ms: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`did not answer within ${ms / 1000} s`), ms)));
  try {
    return await Promise.race([ready.then(() => undefined, (err: unknown) => `could not be reached (${err instanceof Error ? err.message : String(err)})`), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sources' titles by id, read from the corpus files (parsing them takes milliseconds; no index is
 * built). Without a readable corpus the report names sources by id alone.
 */
async function corpusTitles(dir: string): Promise<(id: string) => string | undefined> {
  try {
    const titles = new Map(loadCorpus(await readCorpusFiles(dir)).sources.map((s) => [s.id, s.title]));
    return (id) => titles.get(id);
  } catch {
    return () => undefined;
  }
}
