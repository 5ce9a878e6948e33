import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@billfold/source'] },
  ssr: { resolve: { conditions: ['@billfold/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    // One PGlite per worker (about 2 s and 750 MB to start) is shared by the test files that worker runs.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
