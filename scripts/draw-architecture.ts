/**
 * `npm run draw:architecture`: docs/architecture.svg, the folder-level module graph of src/, drawn
 * by dependency-cruiser (the same rules file `npm test` checks) and laid out by graphviz's `dot`
 * (Debian's `graphviz` package).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = 'docs/architecture.svg';

const graph = execFileSync(process.execPath, ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'archi', '--include-only', '^src/'], { cwd: ROOT, maxBuffer: 16 << 20 });
let svg: Buffer;
try {
  svg = execFileSync('dot', ['-Tsvg'], { input: graph, maxBuffer: 16 << 20 });
} catch (err) {
  console.error(`graphviz's dot did not run (apt-get install -y graphviz): ${String(err)}`);
  process.exit(1);
}
writeFileSync(`${ROOT}${OUT}`, svg);
console.log(`${OUT}: ${svg.length} bytes`);
