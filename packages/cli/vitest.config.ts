import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@billfold/source'] },
  ssr: { resolve: { conditions: ['@billfold/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The end-to-end demo runs on PGlite (about 2 s to start) and renders PDFs.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
