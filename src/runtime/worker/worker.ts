/**
 * Cloudflare Workers entry point (`main` in wrangler.toml). Only runtime glue lives here: the app,
 * routes and answering are the same modules the Node entry serves.
 */
import { waitUntil } from 'cloudflare:workers';
// Both written by `npm run build:worker`, which wrangler runs as the [build] command before bundling.
import widgetScript from '../../../dist/widget.js';
import snapshot from '../../../dist/worker-index.bin';
// Arrives compiled (the CompiledWasm rule in wrangler.toml): Workers may not compile wasm bytes at runtime.
import dotProduct from '../../core/search/dot-product.wasm';
import { createWorkerFetch } from './app';

export default { fetch: createWorkerFetch({ snapshot, widgetScript, waitUntil, dotProduct }) };

// Durable Object classes must be exported by the main module; wrangler.toml binds this one as CLAIMS.
export { SlackClaims } from './claims-object';
