import { readFile } from 'node:fs/promises';
import { projectFile } from './project-files';

/** Node only (esbuild): the Workers entry hands `createWidgetRoutes` a prebuilt string instead. */

export const WIDGET_ENTRY = projectFile('src/server/channels/widget/client/index.ts');
export const WIDGET_DIST = projectFile('dist/widget.js');

/** One minified IIFE for browsers back to 2019; no globals except the API object it sets itself. */
export async function buildWidget(): Promise<string> {
  // Imported lazily so a production install without devDependencies can still serve dist/widget.js.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [{
      name: 'minified-css-text',
      // `import css from './widget.css'` gives the stylesheet as a minified string, for the shadow root.
      setup(build) {
        build.onLoad({ filter: /\.css$/ }, async ({ path }) => {
          const { code } = await esbuild.transform(await readFile(path, 'utf8'), { loader: 'css', minify: true });
          return { contents: code.trim(), loader: 'text' };
        });
      },
    }],
  });
  return result.outputFiles[0]!.text;
}

/**
 * The script provider for the Node server: built in memory once, at start, so it always matches the
 * sources. Without esbuild it falls back to `dist/widget.js` from `npm run build:widget`.
 */
export function loadWidgetScript(log: { warn(msg: string, fields?: Record<string, unknown>): void }): () => Promise<string> {
  const script = buildWidget().catch(async (err: unknown) => {
    const isMissingEsbuild = (err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
    if (!isMissingEsbuild) throw err;
    log.warn('esbuild not installed; serving the prebuilt widget', { file: WIDGET_DIST });
    return readFile(WIDGET_DIST, 'utf8');
  });
  // Surface a broken build in the logs at start instead of on the first page view, and keep
  // the rejection from crashing the process: /widget.js then answers 500 with a request id.
  script.catch((err: unknown) => log.warn('widget build failed', { error: String(err) }));
  return () => script;
}
