/**
 * The three rings (README, "Project layout"), checked by `npm test` (tests/architecture.test.ts):
 * core → nothing outside core; server → core and config; runtime → anything. Type-only imports count.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A cycle hides which module is built from which.', from: {}, to: { circular: true } },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports is dead code, or an entry point missing from this list.',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '^src/runtime/node/server\\.ts$', '^src/runtime/node/answer-thread\\.ts$', '^src/runtime/worker/worker\\.ts$', '^src/server/channels/widget/client/index\\.ts$'] },
      to: {},
    },
    { name: 'core-stays-in-core', severity: 'error', comment: 'The core is web-standard TypeScript with plain options: no server, runtime or config.', from: { path: '^src/core/' }, to: { path: '^src/(?!core/)' } },
    { name: 'core-is-web-standard', severity: 'error', comment: 'No Node modules in the core: it runs on Workers too.', from: { path: '^src/core/' }, to: { dependencyTypes: ['core'] } },
    { name: 'core-has-no-hono', severity: 'error', comment: 'HTTP belongs to the server ring.', from: { path: '^src/core/' }, to: { path: '(^|/)node_modules/(hono|@hono)/' } },
    { name: 'server-not-runtime', severity: 'error', comment: 'The server runs on Node and Workers alike: runtimes hand it what it needs.', from: { path: '^src/server/' }, to: { path: '^src/runtime/' } },
    { name: 'server-is-web-standard', severity: 'error', comment: 'No Node modules in the server: it runs on Workers too.', from: { path: '^src/server/' }, to: { dependencyTypes: ['core'] } },
    {
      name: 'channels-stay-apart',
      severity: 'error',
      comment: 'A channel never imports another; what several render lives outside channels/.',
      from: { path: '^src/server/channels/([^/]+)/' },
      to: { path: '^src/server/channels/', pathNot: '^src/server/channels/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.d.ts', '.js', '.json'] },
    exclude: { path: '\\.(css|wasm|bin)$|^dist/' },
    reporterOptions: {
      archi: { collapsePattern: '^src/(core|server/channels|server|runtime)/[^/]+|^src/[^/]+\\.ts' },
    },
  },
};
