import { defineConfig, mergeConfig } from 'vitest/config';
import { billfoldVitest } from '../../vitest.shared.ts';

// A hang guard, not a performance limit: the first request compiles Stripe's OpenAPI schemas (seconds when shared).
export default mergeConfig(
  billfoldVitest,
  defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 } }),
);
