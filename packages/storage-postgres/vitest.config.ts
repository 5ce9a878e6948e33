import { defineConfig, mergeConfig } from 'vitest/config';
import { billfoldVitest } from '../../vitest.shared.ts';

export default mergeConfig(
  billfoldVitest,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      globalSetup: ['./test/support/global-setup.ts'],
      // One PGlite per worker (about 2 s and 750 MB to start) is shared by the test files that worker runs.
      isolate: false,
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }),
);
