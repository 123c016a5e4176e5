import { defineConfig } from 'vitest/config';

export const vitestConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // PGlite boots a WASM Postgres per data directory (~1-3 s, ~300 MB); two cores on CI.
    pool: 'forks',
    // The CLI's real-process tests run dist/: rebuilt first when a source file changed.
    globalSetup: ['test/support/build-dist.ts'],
    maxWorkers: 2,
  },
});
export default vitestConfig;
