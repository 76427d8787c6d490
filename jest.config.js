/**
 * Two projects. `stores`: the tests of what differs between PGlite and a PostgreSQL server (SQL,
 * migrations, COPY loading, record pages and counts): the sector subgraphs on their stores, the seed,
 * the inquiry records' group commit. CI runs them again on PostgreSQL (`--selectProjects stores`).
 * `graph`: the rest (the gateway in-process over the subgraphs, policy, tokens, limits, the few
 * end-to-end tests over real HTTP and processes), which do not depend on the store behind them.
 */
const STORE_TESTS = ['<rootDir>/subgraphs/**/*.test.ts', '<rootDir>/test/seed.test.ts', '<rootDir>/test/security/inquiry.test.ts'];

/** @type {import('jest').Config} */
const common = {
  // Node's, plus a pool that keeps each embedded test store open for the whole worker (test/support/storePool.ts).
  testEnvironment: '<rootDir>/test/support/environment.ts',
  transform: {
    '^.+\\.(ts|js)$': [
      '@swc/jest',
      {
        jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
        // Dynamic import() stays a real import: PGlite's contrib extensions ship as ESM only.
        module: { type: 'commonjs', ignoreDynamic: true },
      },
    ],
  },
  // ESM-only packages that CommonJS dependencies require(); jest on Node 20 cannot require ESM itself.
  transformIgnorePatterns: ['/node_modules/(?!(cookie|content-disposition)/)'],
  // Transformed files kept beside the installed packages, not in TMPDIR: a run with a fresh TMPDIR
  // does not transform every file again (the store snapshots are kept there too: test/support/stores.ts).
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'stores', testMatch: STORE_TESTS },
    {
      ...common,
      displayName: 'graph',
      roots: ['<rootDir>/test', '<rootDir>/gateway', '<rootDir>/shared'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/seed.test.ts', '<rootDir>/test/security/inquiry.test.ts'],
    },
  ],
  // Builds each embedded test store's snapshot once, before the workers start (test/support/stores.ts).
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  // Nothing waits long on purpose: a hang fails in seconds. The slowest setup, a worker's first file
  // opening all seven stores, takes a few seconds on a quiet machine.
  testTimeout: 15_000,
  // The longest files first, by measured cost rather than file size, so that the two workers finish
  // together (test/support/sequencer.mjs says why jest's own order did not).
  testSequencer: '<rootDir>/test/support/sequencer.mjs',
  // One worker per core: jest's default leaves one core idle, and the suite is CPU-bound.
  maxWorkers: '100%',
  // A worker whose heap has grown past this after a file is replaced by a fresh one before its next
  // file. What a file leaves behind is kept small (test/support/environment.ts), but not nothing: a
  // package a file imports as ESM stays loaded, with the file's context, for the worker's life. Left to
  // grow, the heap reached 1.7 GB a worker, and the last files ran two to five times slower for the
  // collector's work; a fresh worker costs its pool of stores (a few seconds).
  workerIdleMemoryLimit: '1GB',
  // PGlite leaves a WASM interval timer behind after close(); nothing else is left open.
  forceExit: true,
};
