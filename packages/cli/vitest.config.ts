import { defineConfig, mergeConfig } from 'vitest/config';
import { billfoldVitest } from '../../vitest.shared.ts';

export default mergeConfig(
  billfoldVitest,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // The end-to-end demo runs on PGlite (about 2 s and 750 MB to start) and renders PDFs.
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  }),
);
