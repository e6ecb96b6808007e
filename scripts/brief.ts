/** `npm run brief -- [topic] [--markdown|--json] [--short]`: a briefing on the corpus, or on a topic of it. */
import { parseConfig } from '../src/config';
import { createLogger } from '../src/core/log';
import { loadNodeEngine } from '../src/runtime/node/engine';
import { briefingText } from '../src/core/brief/render';
import { runCli, sourceList } from './lib/cli';

const FLAGS = ['--markdown', '--json', '--short'];
const args = process.argv.slice(2);
const unknown = args.filter((a) => a.startsWith('--') && !FLAGS.includes(a));
if (unknown.length) {
  console.error(`Unknown option ${unknown[0]}. Usage: npm run brief -- [topic] [--markdown|--json] [--short]`);
  process.exit(2);
}
const topic = args.filter((a) => !a.startsWith('--')).join(' ').trim() || undefined;
await runCli(async () => {
  const config = parseConfig(process.env);
  const logger = createLogger({ level: 'warn', write: (line) => console.error(line) });
  const { answerer, index } = await loadNodeEngine(config, logger);
  const briefing = await answerer.brief({ topic, length: args.includes('--short') ? 'short' : 'standard' });
  if (args.includes('--json')) console.log(JSON.stringify(briefing, null, 2));
  else if (args.includes('--markdown')) console.log(briefing.markdown);
  else {
    console.log(`${briefing.title}\n\n${briefingText(briefing, (id) => index.sourceById.get(id)?.title)}\n`);
    if (briefing.citations.length) console.log(sourceList(briefing.citations));
    if (briefing.followUps?.length) console.log(`\nYou could ask instead:\n${briefing.followUps.map((q) => `  - ${q}`).join('\n')}`);
  }
  if (!briefing.answerable) process.exitCode = 1;
});
