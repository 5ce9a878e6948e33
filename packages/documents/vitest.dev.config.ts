import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@billfold/source'], alias: [{ find: /^@billfold\/core$/, replacement: '/tmp/docdev/core-shim.ts' }] },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000 },
});
