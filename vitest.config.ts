import { defineConfig } from 'vitest/config';

export const vitestConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // PGlite boots a WASM Postgres per data directory (~1-3 s, ~300 MB); two cores on CI.
    pool: 'forks',
    // The CLI's real-process tests run dist/: rebuilt first when a source file changed.
    globalSetup: ['test/support/build-dist.ts', 'test/support/postgres-template.ts'],
    // Test files share their worker processes and module cache: each file no longer boots its
    // own PGlite (~2.6 s of CPU a file, measured on the store tests: 8 files 60 s → 39 s of CPU).
    // Tests therefore keep no state in modules and close what they open.
    isolate: false,
    maxWorkers: 2,
    // No warm store processes (src/cli/warm/) outliving a test in its temporary data directory:
    // the tests of the warm store process turn it on for themselves.
    env: { LEDGERBRIDGE_KEEP_WARM_MINUTES: '0' },
  },
});
export default vitestConfig;
