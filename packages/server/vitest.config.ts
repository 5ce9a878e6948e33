import { defineConfig, mergeConfig } from 'vitest/config';
import { billfoldVitest } from '../../vitest.shared.ts';

export default mergeConfig(
  billfoldVitest,
  defineConfig({
    // Documents resolve their `#platform` import with the server conditions: name Node's own next to the source one.
    // Not `module`: it picks ESM builds that only bundlers can load (@opentelemetry/api's has extensionless imports).
    ssr: { resolve: { conditions: ['node', 'development|production'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // End-to-end suites start PGlite (about 2 s) or a PostgreSQL cluster and render PDFs.
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  }),
);
