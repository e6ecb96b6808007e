/**
 * `npm run build:server` (run by `npm start` first): bundles the Node entry point into
 * dist/node/server.mjs, which plain Node runs: tsx loading the TypeScript was most of a cold start
 * (docs/benchmarks.md). Packages stay external, loaded from node_modules as usual.
 */
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_ENTRY = 'src/runtime/node/server.ts';
export const SERVER_DIR = 'dist/node';
const ANSWER_THREAD_ENTRY = 'src/runtime/node/answer-thread.ts';

/** Bundles `entry` into `outdir` (both from the project's folder, the folder emptied first); returns the entry's bundle. */
export async function buildServer(entry = SERVER_ENTRY, outdir = SERVER_DIR): Promise<string> {
  const dir = join(ROOT, outdir);
  await rm(dir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    // The answer threads' entry is a file of its own: a worker thread starts from a file.
    entryPoints: { server: entry, 'answer-thread': ANSWER_THREAD_ENTRY },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // A module the sources import lazily (the index store, the model clients) stays a chunk of its
    // own, loaded when first asked for: in one file, the packages it imports would load at start.
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Error stacks name the sources (`node --enable-source-maps`, as `npm start` runs it).
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return join(dir, 'server.mjs');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = await buildServer();
  console.log(`${relative(process.cwd(), out)}: built from ${SERVER_ENTRY}`);
}
