import { defineConfig } from 'vitest/config';

// Vite applies `resolve.conditions` to package exports, but resolves subpath imports (`#default-fonts`)
// with the server conditions of the test environment: name the source condition in both.
const conditions = ['@billfold/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions: ['@billfold/source'] },
  ssr: { resolve: { conditions } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000 },
});
