// Module types that only wrangler's bundler and workerd resolve.

/** `Data` modules (wrangler's default rule for *.bin): the file's bytes. */
declare module '*.bin' {
  const bytes: ArrayBuffer;
  export default bytes;
}

/** `CompiledWasm` modules (a rule in wrangler.toml): the file, already compiled. */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}

declare module 'cloudflare:workers' {
  /** Like `ctx.waitUntil`, bound to whichever request is running when it is called. */
  export function waitUntil(promise: Promise<unknown>): void;
}

/** `Text` module (a rule in wrangler.toml): the built widget's source, served at /widget.js. */
declare module '*/dist/widget.js' {
  const text: string;
  export default text;
}
