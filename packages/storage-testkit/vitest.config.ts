import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@billfold/source'] },
  // Tests run in vitest's server (SSR) environment, which takes its own resolve conditions.
  ssr: { resolve: { conditions: ['@billfold/source'] } },
  test: { include: ['test/**/*.test.ts'] },
});
