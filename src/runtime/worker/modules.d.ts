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

  /** Base class of a Durable Object: its public methods are what a stub calls over RPC. */
  export abstract class DurableObject<Env = unknown> {
    protected ctx: DurableObjectState;
    protected env: Env;
    constructor(ctx: DurableObjectState, env: Env);
    alarm?(): Promise<void>;
  }

  /** The part of a Durable Object's state this code uses. */
  export interface DurableObjectState {
    storage: DurableObjectStorage;
  }

  /** A SQLite-backed object's storage: `kv` is synchronous, so a read and the write that follows it cannot interleave with another request. */
  export interface DurableObjectStorage {
    kv: {
      get<T>(key: string): T | undefined;
      put<T>(key: string, value: T): void;
      delete(key: string): boolean;
      list<T>(): Iterable<[string, T]>;
    };
    getAlarm(): Promise<number | null>;
    setAlarm(scheduledTime: number): Promise<void>;
    deleteAll(): Promise<void>;
  }
}

/** `Text` module (a rule in wrangler.toml): the built widget's source, served at /widget.js. */
declare module '*/dist/widget.js' {
  const text: string;
  export default text;
}
