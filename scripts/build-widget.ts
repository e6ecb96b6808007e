import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWidget, WIDGET_DIST } from '../src/runtime/node/build-widget';

/** `npm run build:widget`: writes dist/widget.js (for the Workers bundle, or servers without esbuild). */
const text = await buildWidget();
await mkdir(dirname(WIDGET_DIST), { recursive: true });
// Written aside and renamed: two Workers tests building at once must never bundle half a file.
const tmp = `${WIDGET_DIST}.${process.pid}.tmp`;
await writeFile(tmp, text);
await rename(tmp, WIDGET_DIST);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${relative(process.cwd(), WIDGET_DIST)}: ${kb(Buffer.byteLength(text))}, ${kb(gzipSync(text, { level: 9 }).length)} gzipped`);
