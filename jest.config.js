/** @type {import('jest').Config} */
module.exports = {
  // Node's, plus a pool that keeps each embedded test store open for the whole worker (test/support/storePool.ts).
  testEnvironment: '<rootDir>/test/support/environment.ts',
  roots: ['<rootDir>/test', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/shared'],
  testMatch: ['**/*.test.ts'],
  // Builds each embedded test store's snapshot once, before the workers start (test/support/stores.ts).
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
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
  testTimeout: 60_000,
  // One worker per core: jest's default leaves one core idle, and the suite is CPU-bound (2m55s instead of 5m on two cores).
  maxWorkers: '100%',
  // PGlite leaves a WASM interval timer behind after close(); nothing else is left open.
  forceExit: true,
};
