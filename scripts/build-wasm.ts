/**
 * `npm run build:wasm`: compiles src/core/search/dot-product.wat (the dense-scan kernel) to
 * dot-product.wasm next to it. The .wasm is committed, so neither runtime nor `wrangler deploy`
 * needs wabt; tests/core/search/dense.test.ts fails if it no longer matches the .wat.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import wabt from 'wabt';

export const DOT_PRODUCT_WAT = fileURLToPath(new URL('../src/core/search/dot-product.wat', import.meta.url));
export const DOT_PRODUCT_WASM = fileURLToPath(new URL('../src/core/search/dot-product.wasm', import.meta.url));

/** The .wasm bytes the .wat compiles to today. */
export async function compileDotProduct(): Promise<Uint8Array> {
  const module = (await wabt()).parseWat('dot-product.wat', await readFile(DOT_PRODUCT_WAT, 'utf8'), { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bytes = await compileDotProduct();
  await writeFile(DOT_PRODUCT_WASM, bytes);
  console.log(`${relative(process.cwd(), DOT_PRODUCT_WASM)}: ${bytes.length} bytes`);
}
