import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@billfold/source'] },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000 },
});
