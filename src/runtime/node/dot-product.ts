import { readFileSync } from 'node:fs';
import { projectFile } from './project-files';

/**
 * The dense-scan kernel (src/core/search/dot-product.wasm), compiled, for `createSearchIndex` on Node.
 * Workers cannot compile WebAssembly from bytes at runtime; worker.ts imports the file as a module.
 */
export function loadDotProduct(): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(projectFile('src/core/search/dot-product.wasm')));
}
