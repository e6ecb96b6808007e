/** `npm run ask -- "question"`: the answer and a numbered list of its sources; `--json` for the API object. */
import { parseConfig } from '../src/config';
import { createLogger } from '../src/core/log';
import { loadNodeEngine } from '../src/runtime/node/engine';
import { runCli, sourceList } from './lib/cli';

const args = process.argv.slice(2);
const json = args.includes('--json');
const question = args.filter((a) => a !== '--json').join(' ').trim();
if (!question) {
  console.error('Usage: npm run ask -- "your question" [--json]');
  process.exit(2);
}
await runCli(async () => {
  const config = parseConfig(process.env);
  const logger = createLogger({ level: 'warn', write: (line) => console.error(line) });
  const { answerer } = await loadNodeEngine(config, logger);
  const response = await answerer.ask({ question });
  if (json) {
    console.log(JSON.stringify(response, null, 2));
  } else {
    console.log(`${response.answer}\n`);
    if (response.citations.length) console.log(sourceList(response.citations));
    if (response.followUps.length) console.log(`\nYou could also ask:\n${response.followUps.map((q) => `  - ${q}`).join('\n')}`);
  }
});
