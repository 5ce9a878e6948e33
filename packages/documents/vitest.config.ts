import { defineConfig, mergeConfig } from 'vitest/config';
import { billfoldVitest } from '../../vitest.shared.ts';

export default mergeConfig(
  billfoldVitest,
  defineConfig({
    // Vite resolves subpath imports (`#platform`) with the server conditions of the test environment, which
    // replace the defaults when set: name Node's own next to the source condition.
    // Not `module`: it picks ESM builds that only bundlers can load (@opentelemetry/api's has extensionless imports).
    ssr: { resolve: { conditions: ['node', 'development|production'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 60_000,
      // Compiles the official EN 16931 schematron once per run (cached in the OS temp folder by its hash).
      globalSetup: ['test/schematron-setup.ts'],
    },
  }),
);
